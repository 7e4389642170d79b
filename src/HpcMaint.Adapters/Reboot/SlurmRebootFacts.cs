using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// Reads what the reboot decision needs from Slurm: the jobs (one squeue --json) and the nodes
/// (scontrol show node NAME for one node, one sinfo --json for a list), both at once.
/// </summary>
public static class SlurmRebootFacts
{
    public static async Task<IReadOnlyList<RebootFacts>> ReadAsync(ISlurmReader slurm, IReadOnlyList<string> nodes, HpcMaintConfig config, CancellationToken ct)
    {
        var jobsRead = slurm.GetJobsAsync(ct);
        var nodesRead = ReadNodesAsync(slurm, nodes, ct);
        var jobs = await jobsRead.ConfigureAwait(false);
        var (found, nodesProblem) = await nodesRead.ConfigureAwait(false);
        var (slurmUser, slurmUserProblem) = await SlurmUserAsync(slurm, nodes, jobs.IsSuccess ? jobs.Value : [], config, ct).ConfigureAwait(false);
        return nodes.Select(name =>
        {
            var node = found?.GetValueOrDefault(name);
            return RebootFactsReader.Read(
                name,
                jobs.IsSuccess ? jobs.Value : null,
                jobs.Error,
                node,
                node is null ? nodesProblem ?? $"Slurm does not list node {name}" : null,
                config.Health.RecordField,
                config.Rebuild.Partition,
                slurmUser,
                slurmUserProblem);
        }).ToArray();
    }

    /// <summary>
    /// SlurmUser: [slurm] slurm_user, else `scontrol show config`, asked only when a rebuild job for one of
    /// the nodes was submitted by someone other than root (the one case its answer decides).
    /// </summary>
    private static async Task<(string? User, string? Problem)> SlurmUserAsync(
        ISlurmReader slurm, IReadOnlyList<string> nodes, IReadOnlyList<Job> jobs, HpcMaintConfig config, CancellationToken ct)
    {
        if (config.Slurm.User is { } configured)
        {
            return (configured, null);
        }

        var asked = nodes.Any(n => RebootFactsReader.RebuildJobOf(n, jobs, config.Rebuild.Partition) is { } job && job.UserName != RebootFactsReader.Root);
        if (!asked)
        {
            return (null, null);
        }

        var read = await slurm.GetSlurmUserAsync(ct).ConfigureAwait(false);
        return read.IsSuccess ? (read.Value, null) : (null, read.Error);
    }

    private static async Task<(Dictionary<string, Node>? Nodes, string? Problem)> ReadNodesAsync(ISlurmReader slurm, IReadOnlyList<string> names, CancellationToken ct)
    {
        if (names.Count == 1)
        {
            var one = await slurm.GetNodeAsync(names[0], ct).ConfigureAwait(false);
            return one.IsSuccess ? (new Dictionary<string, Node> { [one.Value.Name] = one.Value }, null) : (null, one.Error);
        }

        var all = await slurm.GetNodesAsync(ct).ConfigureAwait(false);
        return all.IsSuccess ? (all.Value.ToDictionary(n => n.Name, StringComparer.Ordinal), null) : (null, all.Error);
    }
}
