using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Reboot;

// Composition root of hpcmaint-reboot, slurm.conf's RebootProgram. slurmd runs it with no arguments
// (node = this host); slurmctld with reboot_from_controller passes the node list and the features.
return HookStartup.Run("hpcmaint-reboot", RebootUsage.Text, args, (arguments, config, logging) =>
    new RebootRun(config, new AuditJournal(config.Audit.Journal), TimeProvider.System, logging)
        .Execute(arguments, HookStartup.ThisNode(config)));
