using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Adapters.Processes;
using HpcMaint.Health;

// Composition root of hpcmaint-health, slurm.conf's HealthCheckProgram. slurmd runs it with no
// arguments and only SLURMD_NODENAME in the environment: no PATH, no SLURM_CONF.
StandardStreams.FillClosed();
ChildStatusGuard.KeepChildStatuses();
return await HookStartup.RunAsync("hpcmaint-health", HealthUsage.Text, HealthUsage.Syntax, args, async (arguments, config, logging) =>
{
    var report = await HealthRun.ExecuteAsync(config, HookStartup.ThisNode(config), arguments.DryRun, logging);
    if (!report.IsSuccess)
    {
        return 2;
    }

    // slurmd reads nothing on standard output: a table or JSON only for an admin who asks.
    if (arguments.Json)
    {
        Console.Out.WriteLine(HealthRunReportJson.Write(report.Value));
    }
    else if (arguments.Once || arguments.DryRun)
    {
        HealthRunText.Write(report.Value, Console.Out);
    }

    return 0;
});
