using System.CommandLine;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using Command = System.CommandLine.Command;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint breaker status|reset [--partition P]`. The reset clears the breaker marks nodes wrote and
/// acknowledges hpcmaint's current drains, so they no longer count against the budget.
/// </summary>
public static class BreakerCommands
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var statusPartition = new Option<string?>("--partition") { Description = "Only this partition" };
        var status = new Command("status", "Show where the breaker is open and hpcmaint's drains that count against the budget") { statusPartition };
        status.SetAction((p, ct) => RunAsync(env, p.GetValue(options.Config), p.GetValue(statusPartition), reset: false, dryRun: false, ct));

        var resetPartition = new Option<string?>("--partition") { Description = "Only this partition (default: every partition)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change, change nothing" };
        var reset = new Command("reset", "Close the breaker: clear its marks and acknowledge hpcmaint's current drains") { resetPartition, dryRun };
        reset.SetAction((p, ct) => RunAsync(env, p.GetValue(options.Config), p.GetValue(resetPartition), reset: true, p.GetValue(dryRun), ct));

        return new Command("breaker", "The circuit breaker that stops hpcmaint draining too many nodes") { status, reset };
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, string? partition, bool reset, bool dryRun, CancellationToken ct)
    {
        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new ProcessRunner(env.Time));
        var records = new NodeRecords(slurm, config.Health.RecordField, new AuditJournal(config.Audit.Journal), env.Time);
        var nodes = await slurm.GetNodesAsync(ct).ConfigureAwait(false);
        if (!nodes.IsSuccess)
        {
            env.Error.WriteLine($"hpcmaint breaker: {nodes.Error}");
            return ExitCodes.Failed;
        }

        var inScope = nodes.Value.Where(n => partition is null || n.Partitions.Contains(partition)).ToArray();
        if (partition is not null && inScope.Length == 0)
        {
            env.Error.WriteLine($"hpcmaint breaker: no node is in partition {partition}");
            return ExitCodes.BadInput;
        }

        var table = new TextTable("NODE", "BREAKER", "COUNTS", "REASON");
        var failures = 0;
        var changes = 0;
        foreach (var node in inScope)
        {
            if (records.Read(node).Record is not { } record)
            {
                continue;
            }

            var counts = NodeOwnership.Of(node, record.Ticket) == NodeOwner.Hpcmaint && !record.Acknowledged;
            if (record.BreakerOpened is null && !counts)
            {
                continue;
            }

            table.Add(node.Name, record.BreakerOpened is { } b ? "open since " + OperatorTime.Format(b) : "-", counts ? "yes" : "no", node.Reason ?? string.Empty);
            if (!reset)
            {
                continue;
            }

            changes++;
            var error = await records.WriteAsync(node.Name, record with { BreakerOpened = null, Acknowledged = counts || record.Acknowledged }, "breaker-reset", partition is null ? "breaker reset" : $"breaker reset in {partition}", dryRun, ct).ConfigureAwait(false);
            if (error is not null)
            {
                env.Error.WriteLine($"hpcmaint breaker reset: node {node.Name}: {error}");
                failures++;
            }
        }

        if (reset)
        {
            env.Out.WriteLine(changes == 0 ? "breaker: closed already; nothing to reset" : $"breaker: {(dryRun ? "would reset" : "reset")} on {changes} node(s)");
        }
        else
        {
            table.WriteTo(env.Out);
        }

        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
