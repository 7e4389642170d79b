using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Records;

/// <summary>What <c>hpcmaint breaker</c> found and, on a reset, the nodes whose record could not be written.</summary>
public sealed record BreakerReport(IReadOnlyList<BreakerEntry> Entries, IReadOnlyList<string> Failures);

/// <summary>
/// <c>hpcmaint breaker status|reset</c>: the nodes in scope read from slurmctld, each one's entry decided
/// by the core (<see cref="BreakerEntry"/>), and on a reset its record written and journalled.
/// </summary>
public sealed class BreakerFlow(ISlurmReader reader, NodeRecords records)
{
    public async Task<Result<BreakerReport>> RunAsync(string? partition, bool reset, bool dryRun, CancellationToken ct)
    {
        var nodes = await reader.GetNodesAsync(ct).ConfigureAwait(false);
        if (!nodes.IsSuccess)
        {
            return Problem.Failed(nodes.Error!);
        }

        var inScope = BreakerEntry.InScope(nodes.Value, partition);
        if (partition is not null && inScope.Count == 0)
        {
            return Problem.Invalid($"no node is in partition {partition}");
        }

        var entries = new List<BreakerEntry>();
        var failures = new List<string>();
        foreach (var node in inScope)
        {
            if (records.Read(node).Record is not { } record || BreakerEntry.Of(node, record) is not { } entry)
            {
                continue;
            }

            entries.Add(entry);
            if (!reset)
            {
                continue;
            }

            var error = await records.WriteAsync(node.Name, entry.AfterReset, "breaker-reset", partition is null ? "breaker reset" : $"breaker reset in {partition}", dryRun, ct).ConfigureAwait(false);
            if (error is not null)
            {
                failures.Add($"node {node.Name}: {error}");
            }
        }

        return new BreakerReport(entries, failures);
    }
}
