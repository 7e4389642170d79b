using System.CommandLine;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using Command = System.CommandLine.Command;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Cli.Output;
using HpcMaint.Adapters.Records;
using HpcMaint.Core;

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
        var report = await new BreakerFlow(slurm, records).RunAsync(partition, reset, dryRun, ct).ConfigureAwait(false);
        if (!report.IsSuccess)
        {
            env.Error.WriteLine($"hpcmaint breaker: {report.Problem}");
            return report.Problem!.Kind == ProblemKind.Invalid ? ExitCodes.BadInput : ExitCodes.Failed;
        }

        var (entries, failures) = (report.Value.Entries, report.Value.Failures);
        foreach (var failure in failures)
        {
            env.Error.WriteLine($"hpcmaint breaker reset: {failure}");
        }

        if (reset)
        {
            env.Out.WriteLine(entries.Count == 0 ? "breaker: closed already; nothing to reset" : $"breaker: {(dryRun ? "would reset" : "reset")} on {entries.Count} node(s)");
            return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }

        var table = new TextTable("NODE", "BREAKER", "COUNTS", "REASON");
        foreach (var e in entries)
        {
            table.Add(e.Node.Name, e.Record.BreakerOpened is { } b ? "open since " + OperatorTime.Format(b) : "-", e.Counts ? "yes" : "no", e.Node.Reason ?? string.Empty);
        }

        table.WriteTo(env.Out);
        return ExitCodes.Ok;
    }
}
