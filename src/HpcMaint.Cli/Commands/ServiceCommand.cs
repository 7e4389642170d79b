using System.CommandLine;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.CloudMaintenance;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Service;
using HpcMaint.Cli.Rebuild;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint service [--once] [--now]`: the maintenance service (packaging/systemd/hpcmaint.service). It
/// wires the loops (<see cref="RebuildPlansLoop"/>) into <see cref="ServiceHost"/> and runs them until
/// SIGTERM or SIGINT, or for one pass with --once. Exit 0 when stopped or done, 1 when a loop failed,
/// 2 on a bad config.
/// </summary>
public static class ServiceCommand
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var once = new Option<bool>("--once") { Description = "One pass over the open plans, then exit (for cron)" };
        var now = new Option<bool>("--now") { Description = "Start work now, outside the [[maintenance.window]] entries too" };
        var service = new Command(
            "service",
            "The maintenance service: resumes every open rebuild plan on start and every [service] interval, and with [oci] runs the OCI maintenance flow every [oci.maintenance] loop_interval, inside the maintenance windows; monitor-only unless [service] act = true")
        {
            once, now,
        };
        service.SetAction((parse, ct) =>
            RunAsync(env, new CommonInput(parse.GetValue(options.Config), parse.GetValue(options.Json), parse.GetValue(options.Verbose)), parse.GetValue(once), parse.GetValue(now), ct));
        return service;
    }

    private static async Task<int> RunAsync(CliEnvironment env, CommonInput common, bool once, bool now, CancellationToken stop)
    {
        if (!CliConfig.TryLoad(env, common.ConfigPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        using var logging = CliConfig.Logging(env, config, common.Verbose);
        var log = logging.CreateLogger("hpcmaint service");
        var flow = RebuildFlow.Open(config, env.Time, logging.CreateLogger("hpcmaint rebuild"));
        if (!flow.IsSuccess)
        {
            env.Error.WriteLine("hpcmaint service: " + flow.Problem);
            return ExitCodes.BadInput;
        }

        using (flow.Value)
        {
            var settings = config.Service;
            var audit = new AuditJournal(config.Audit.Journal);
            var journal = new ServiceJournal(audit, env.Time, settings.Act);
            var plans = new RebuildPlansLoop(
                flow.Value, new RebuildPlanStore(config.Rebuild.StateDir), settings, now, journal, audit, new ServiceMetrics(settings.MetricsFile), env.Time, log);
            List<IServiceLoop> loops = [plans];
            MaintenanceFlow? oci = null;
            if (config.Oci is { } ociSettings)
            {
                var opened = MaintenanceFlow.Open(config, env.GetVariable("HOME"), env.Time);
                if (!opened.IsSuccess)
                {
                    env.Error.WriteLine("hpcmaint service: " + opened.Problem);
                    return ExitCodes.BadInput;
                }

                oci = opened.Value;
                loops.Add(new OciMaintenanceLoop(oci.Loop, settings, ociSettings.Maintenance, journal, env.Time, logging.CreateLogger("hpcmaint oci")));
            }

            using var ociFlow = oci;
            var host = new ServiceHost(loops, SystemdNotifier.From(env.GetVariable), journal, log);
            log.LogInformation(
                "{Mode}, every {Interval}, {Windows}",
                settings.Act ? "acting" : "monitor-only (nothing is sent to Slurm; [service] act = true lets it act)",
                Core.Config.DurationText.Format(settings.Interval),
                settings.Windows.Count == 0 ? "no maintenance window (always open)" : "windows " + string.Join("; ", settings.Windows));
            return await host.RunAsync(once, stop).ConfigureAwait(false) ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }
}
