using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// Turns what Slurm answered into <see cref="RebootFacts"/> per node. A read that failed (null, with
/// its problem) leaves that source out and says so: a reboot Slurm asked for still happens. A rebuild
/// job chooses the image only when root or SlurmUser submitted it and the image is a name hpcmaint
/// accepts: anyone can name a job and write a comment.
/// </summary>
public static class RebootFactsReader
{
    public const string Root = "root";

    /// <summary>The node's CONFIGURING rebuild job (in the rebuild partition, named for the node), whoever submitted it.</summary>
    public static Job? RebuildJobOf(string node, IEnumerable<Job> jobs, string rebuildPartition) =>
        jobs.FirstOrDefault(j => j.IsConfiguring && j.Partition == rebuildPartition && j.Name == RebuildJobs.Name(node) && j.Nodes.Contains(node));

    /// <summary>Whether <paramref name="user"/> may choose a node's image with a rebuild job: root, or SlurmUser.</summary>
    public static bool MaySubmitRebuilds(string? user, string? slurmUser) => user == Root || (slurmUser is not null && user == slurmUser);

    /// <param name="slurmUser">slurm.conf's SlurmUser; null when not known (<paramref name="slurmUserProblem"/> says why, when it was asked).</param>
    public static RebootFacts Read(
        string node,
        IReadOnlyList<Job>? jobs,
        string? jobsProblem,
        Node? slurmNode,
        string? nodeProblem,
        RecordField recordField,
        string rebuildPartition,
        string? slurmUser = null,
        string? slurmUserProblem = null)
    {
        var notes = new List<string>();
        Job? job = null;
        string? image = null;
        if (jobs is null)
        {
            notes.Add("rebuild jobs not read: " + (jobsProblem ?? "no answer"));
        }
        else if (RebuildJobOf(node, jobs, rebuildPartition) is { } candidate)
        {
            (job, image) = TrustedImage(candidate, slurmUser, slurmUserProblem, notes);
        }

        var recordAsksRebuild = false;
        Hold? hold = null;
        if (slurmNode is null)
        {
            notes.Add("node record not read: " + (nodeProblem ?? "no answer"));
        }
        else
        {
            if (NodeRecordField.TryRead(slurmNode, recordField, out var record, out var problem))
            {
                recordAsksRebuild = record.Ticket?.Step == LadderStep.Rebuild;
                hold = record.Hold;
            }
            else
            {
                notes.Add($"node {recordField.ToString().ToLowerInvariant()} not used: {problem}");
            }
        }

        return new RebootFacts(node, image, job?.Id, recordAsksRebuild, notes) { Hold = hold };
    }

    private static (Job? Job, string? Image) TrustedImage(Job job, string? slurmUser, string? slurmUserProblem, List<string> notes)
    {
        var comment = PrintableText.Line(job.Comment ?? string.Empty, 200);
        if (!MaySubmitRebuilds(job.UserName, slurmUser))
        {
            var who = slurmUser switch
            {
                null => $"root's (SlurmUser {(slurmUserProblem is null ? "not known" : "not read: " + slurmUserProblem)})",
                Root => "root's (SlurmUser too)",
                _ => $"root's and {slurmUser}'s (SlurmUser)",
            };
            notes.Add($"rebuild job {job.Id} of user {PrintableText.Line(job.UserName ?? "?", 64)} ignored (comment '{comment}'): only {who} rebuild jobs choose an image");
            return (null, null);
        }

        var image = RebuildJobs.ImageOf(job.Comment);
        if (image is null)
        {
            notes.Add($"rebuild job {job.Id} names no image (comment '{comment}')");
            return (job, null);
        }

        if (SlurmNames.ImageNameProblem(image) is { } problem)
        {
            notes.Add($"rebuild job {job.Id}: {problem}; not rebuilt");
            return (job, null);
        }

        return (job, image);
    }
}
