using System.CommandLine;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Core.Health;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint verify`: the health gate on a freshly booted or rebuilt node (the payload of a rebuild
/// job). Every configured check runs once; a failing one acts at once (no strikes to wait for):
/// drain with an hpcmaint reason and a ticket, as hpcmaint-health would. Exit 0 healthy, 1 not.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Decide and show, change nothing" };
        var verify = new Command("verify", "Run the health gate on this node once; drain it with a ticket if a check fails") { dryRun };
        verify.SetAction((p, ct) => RunAsync(env, p.GetValue(options.Config), p.GetValue(options.Json), p.GetValue(dryRun), ct));
        return verify;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, bool json, bool dryRun, CancellationToken ct)
    {
        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        string node;
        try
        {
            node = NodeIdentity.Resolve(config.Node, env.GetVariable, () => Environment.MachineName);
        }
        catch (NotANodeNameException e)
        {
            env.Error.WriteLine($"hpcmaint verify: {e.Message}; nothing was done");
            return ExitCodes.BadInput;
        }

        var gate = HealthRunPolicy.Gate(config.Health);
        using var budget = new CancellationTokenSource(gate.Budget, env.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, ct);
        var report = await HealthRunnerFactory.Create(config, gate, node, "hpcmaint verify", env.Time).RunAsync(node, dryRun, linked.Token).ConfigureAwait(false);
        if (HealthCounters.Write(config.Health, report) is { } problem)
        {
            env.Error.WriteLine("hpcmaint verify: cannot write the counters beside [health] metrics_file: " + problem);
        }

        if (json)
        {
            env.Out.WriteLine(HealthRunReportJson.Write(report));
        }
        else
        {
            HealthRunText.Write(report, env.Out);
        }

        return report.Healthy ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
