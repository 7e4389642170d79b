using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Reboot;

// Composition root of hpcmaint-reboot, slurm.conf's RebootProgram. slurmd runs it with no arguments
// (node = this host); slurmctld with reboot_from_controller passes the node list and the features.
// "--worker PLAN" is how it re-starts itself, detached, for the slow OpenStack work.
StandardStreams.FillClosed();
var worker = WorkerArguments.Take(ref args);
return HookStartup.Run("hpcmaint-reboot", RebootUsage.Text, RebootUsage.Syntax, args, (arguments, config, logging) =>
    worker is not null
        ? WorkerRun.Execute(config, worker, new AuditJournal(config.Audit.Journal), logging)
        : new RebootRun(config, new AuditJournal(config.Audit.Journal), TimeProvider.System, logging)
            .Execute(arguments, () => HookStartup.ThisNode(config)));
