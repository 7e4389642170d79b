using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Records;

/// <summary>What <c>hpcmaint hold</c> or <c>release</c> did on one node: written (or would be, on a dry run), nothing to do, or why not.</summary>
public sealed record HoldOutcome(string Node, bool Written, string? Error);

/// <summary>
/// <c>hpcmaint hold</c> and <c>release</c>: each node read from slurmctld, the change decided by the core
/// (<see cref="HoldChange"/>), the record written and journalled. One node's failure stops no other.
/// </summary>
public sealed class HoldFlow(ISlurmReader reader, NodeRecords records)
{
    /// <param name="reason">Why the nodes are held; null releases them.</param>
    public async Task<IReadOnlyList<HoldOutcome>> RunAsync(IEnumerable<string> nodes, string? reason, string by, DateTimeOffset now, bool dryRun, CancellationToken ct)
    {
        var action = reason is null ? "release" : "hold";
        var outcomes = new List<HoldOutcome>();
        foreach (var name in nodes.Distinct(StringComparer.Ordinal))
        {
            var read = await reader.GetNodeAsync(name, ct).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                outcomes.Add(new HoldOutcome(name, false, read.Error));
                continue;
            }

            var (record, problem) = records.Read(read.Value);
            if (record is null)
            {
                outcomes.Add(new HoldOutcome(name, false, problem));
                continue;
            }

            if (HoldChange.Of(record, reason, by, now) is not { } changed)
            {
                outcomes.Add(new HoldOutcome(name, false, null));
                continue;
            }

            var failed = await records.WriteAsync(name, changed, action, reason, dryRun, ct).ConfigureAwait(false);
            outcomes.Add(new HoldOutcome(name, failed is null, failed is null ? null : $"node {name}: {failed}"));
        }

        return outcomes;
    }
}
