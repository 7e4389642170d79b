using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Reboot;
using HpcMaint.Reboot;

// Composition root of hpcmaint-reboot, slurm.conf's RebootProgram. slurmd runs it with no arguments
// (node = this host); slurmctld with reboot_from_controller passes the node list and the features.
// "--worker PLAN" is how it re-starts itself, detached, for the slow cloud work.
StandardStreams.FillClosed();
ChildStatusGuard.KeepChildStatuses();
var worker = WorkerArguments.Take(ref args);
return await HookStartup.RunAsync("hpcmaint-reboot", RebootUsage.Text, RebootUsage.Syntax, args, (arguments, config, logging) =>
    worker is not null
        ? new WorkerRun(config, new AuditJournal(config.Audit.Journal), TimeProvider.System, logging).ExecuteAsync(worker, CancellationToken.None)
        : new RebootRun(config, new AuditJournal(config.Audit.Journal), TimeProvider.System, logging)
            .ExecuteAsync(arguments.Positionals, () => HookStartup.ThisNode(config), arguments.DryRun, Console.Out, Environment.ProcessPath!, CancellationToken.None));
