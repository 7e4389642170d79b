using System.CommandLine;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using Command = System.CommandLine.Command;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Hostlists;
using HpcMaint.Adapters.Records;

namespace HpcMaint.Cli.Commands;

/// <summary>`hpcmaint hold NODES --reason TEXT` and `hpcmaint release NODES`: hands-off markers kept in Slurm.</summary>
public static class HoldCommands
{
    public static IEnumerable<Command> Create(CliEnvironment env, GlobalOptions options)
    {
        var holdNodes = new Argument<string>("nodes") { Description = "Hostlist of nodes hpcmaint must not act on" };
        var reason = new Option<string>("--reason") { Description = "Why (shown in hpcmaint status and the journal)", Required = true };
        var holdDryRun = new Option<bool>("--dry-run") { Description = "Show what would change, change nothing" };
        var hold = new Command("hold", "Keep hpcmaint's hands off nodes: no drain, resume, reboot or ticket step until released") { holdNodes, reason, holdDryRun };
        hold.SetAction((p, ct) => RunAsync(env, p.GetValue(options.Config), p.GetValue(holdNodes)!, p.GetValue(reason), p.GetValue(holdDryRun), ct));

        var releaseNodes = new Argument<string>("nodes") { Description = "Hostlist of held nodes" };
        var releaseDryRun = new Option<bool>("--dry-run") { Description = "Show what would change, change nothing" };
        var release = new Command("release", "Let hpcmaint act on held nodes again") { releaseNodes, releaseDryRun };
        release.SetAction((p, ct) => RunAsync(env, p.GetValue(options.Config), p.GetValue(releaseNodes)!, null, p.GetValue(releaseDryRun), ct));
        return [hold, release];
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, string nodes, string? reason, bool dryRun, CancellationToken ct)
    {
        var verb = reason is null ? "release" : "hold";
        if (!Hostlist.TryExpand(nodes, out var names, out var error))
        {
            env.Error.WriteLine($"hpcmaint {verb}: {error}");
            return ExitCodes.BadInput;
        }

        if (reason is not null && string.IsNullOrWhiteSpace(reason))
        {
            env.Error.WriteLine("hpcmaint hold: --reason must say why, e.g. --reason \"BIOS update, ticket 4711\"");
            return ExitCodes.BadInput;
        }

        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new ProcessRunner(env.Time));
        var records = new NodeRecords(slurm, config.Health.RecordField, new AuditJournal(config.Audit.Journal), env.Time);
        var by = env.GetVariable("SUDO_USER") ?? env.GetVariable("USER") ?? "root";
        var outcomes = await new HoldFlow(slurm, records).RunAsync(names, reason, by, env.Time.GetUtcNow(), dryRun, ct).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is not null)
            {
                env.Error.WriteLine($"hpcmaint {verb}: {outcome.Error}");
            }
            else if (!outcome.Written)
            {
                env.Out.WriteLine($"{outcome.Node}: not held");
            }
            else
            {
                env.Out.WriteLine($"{(dryRun ? "would " : string.Empty)}{verb} {outcome.Node}{(reason is null ? string.Empty : $": {reason.Trim()}")}");
            }
        }

        return outcomes.All(o => o.Error is null) ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
