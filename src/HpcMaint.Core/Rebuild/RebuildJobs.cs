using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>Rebuild jobs as squeue shows them: jobs in the rebuild partition, by the node they are for.</summary>
public static class RebuildJobs
{
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

    /// <summary>The image a rebuild job carries in its comment ("hpcmaint image=IMG …"), if any.</summary>
    public static string? ImageOf(Job job)
    {
        if (job.Comment is not { } comment)
        {
            return null;
        }

        foreach (var word in comment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("image=", StringComparison.Ordinal))
            {
                return word["image=".Length..];
            }
        }

        return null;
    }
}
