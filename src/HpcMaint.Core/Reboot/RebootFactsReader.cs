using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// Turns what Slurm answered into <see cref="RebootFacts"/> per node. A read that failed (null, with
/// its problem) leaves that source out and says so: a reboot Slurm asked for still happens.
/// </summary>
public static class RebootFactsReader
{
    public static RebootFacts Read(
        string node,
        IReadOnlyList<Job>? jobs,
        string? jobsProblem,
        Node? slurmNode,
        string? nodeProblem,
        RecordField recordField,
        string rebuildPartition)
    {
        var notes = new List<string>();
        Job? job = null;
        if (jobs is null)
        {
            notes.Add("rebuild jobs not read: " + (jobsProblem ?? "no answer"));
        }
        else
        {
            job = jobs.FirstOrDefault(j => j.IsConfiguring && j.Partition == rebuildPartition
                && j.Name == RebuildJobs.Name(node) && j.Nodes.Contains(node));
            if (job is not null && RebuildJobs.ImageOf(job.Comment) is null)
            {
                notes.Add($"rebuild job {job.Id} names no image (comment '{job.Comment}')");
            }
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

        return new RebootFacts(node, RebuildJobs.ImageOf(job?.Comment), job?.Id, recordAsksRebuild, notes) { Hold = hold };
    }
}
