using HpcMaint.Adapters.Hosting;
using HpcMaint.Health;

// Composition root of hpcmaint-health, slurm.conf's HealthCheckProgram. slurmd runs it with no
// arguments and only SLURMD_NODENAME in the environment: no PATH, no SLURM_CONF.
StandardStreams.FillClosed();
return await HookStartup.RunAsync("hpcmaint-health", HealthUsage.Text, args, (arguments, config, logging) =>
    HealthRun.ExecuteAsync(config, HookStartup.ThisNode(config), arguments, logging));
