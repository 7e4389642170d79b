using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Rebuild jobs as hpcmaint submits them and squeue shows them: named hpcmaint-rebuild-NODE, in the
/// rebuild partition, with the comment "hpcmaint image=IMG plan=ID". `hpcmaint rebuild` writes this
/// format and reads it back; hpcmaint-reboot reads the image from it.
/// </summary>
public static class RebuildJobs
{
    public const string NamePrefix = "hpcmaint-rebuild-";

    private const string Marker = "hpcmaint";
    private const string ImageKey = "image=";

    public static string Name(string node) => NamePrefix + node;

    public static string Comment(string image, string planId) => $"{Marker} {ImageKey}{image} plan={planId}";

    /// <summary>A reboot plan's job: no image, so hpcmaint-reboot does a plain reboot.</summary>
    public static string RebootComment(string planId) => $"{Marker} reboot plan={planId}";

    /// <summary>The target image of a comment that starts with the "hpcmaint" marker; null for any other comment.</summary>
    public static string? ImageOf(string? comment)
    {
        if (comment is null || !comment.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var image = comment.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(w => w.StartsWith(ImageKey, StringComparison.Ordinal))?[ImageKey.Length..];
        return string.IsNullOrEmpty(image) ? null : image;
    }

    /// <summary>
    /// The latest job <paramref name="plan"/> submitted for <paramref name="node"/>, if squeue still shows it:
    /// in the rebuild partition (root-only), since anyone can give a job of theirs the same name and comment.
    /// </summary>
    public static Job? OfPlan(RebuildPlan plan, string node, IEnumerable<Job> jobs, string partition) =>
        jobs.Where(j => j.Partition == partition && j.Name == Name(node) && j.Comment == plan.JobComment).MaxBy(j => j.Id);

    /// <summary>The nodes a job is for: its allocation, else its -w list.</summary>
    public static IReadOnlyList<string> NodesOf(Job job)
    {
        if (job.Nodes.Count > 0)
        {
            return job.Nodes;
        }

        return job.RequiredNodes is { Length: > 0 } required && Hostlist.TryExpand(required, out var names, out _) ? names : [];
    }

    /// <summary>Node → the active jobs of the rebuild partition on it (ours or anyone's).</summary>
    public static Dictionary<string, List<Job>> ActiveByNode(IEnumerable<Job> jobs, string partition)
    {
        var byNode = new Dictionary<string, List<Job>>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (!job.IsActive || job.Partition != partition)
            {
                continue;
            }

            foreach (var node in NodesOf(job))
            {
                if (!byNode.TryGetValue(node, out var list))
                {
                    byNode[node] = list = [];
                }

                list.Add(job);
            }
        }

        return byNode;
    }
}
