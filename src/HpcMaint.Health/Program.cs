using HpcMaint.Adapters.Hosting;
using HpcMaint.Health;

// Composition root of hpcmaint-health, slurm.conf's HealthCheckProgram. slurmd runs it with no
// arguments and only SLURMD_NODENAME in the environment: no PATH, no SLURM_CONF.
StandardStreams.FillClosed();
return HookStartup.Run("hpcmaint-health", HealthUsage.Text, HealthUsage.Syntax, args, (arguments, config, logging) =>
    HealthRun.Execute(config, HookStartup.ThisNode(config), arguments, logging));
