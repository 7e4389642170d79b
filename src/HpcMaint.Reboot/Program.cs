using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Config;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Reboot;

// Composition root of hpcmaint-reboot, slurm.conf's RebootProgram. slurmd runs it with no arguments
// (node = this host); slurmctld with reboot_from_controller passes the node list and the features.
var arguments = HookArguments.Parse(args, []);
if (arguments.Error is not null)
{
    Console.Error.WriteLine($"hpcmaint-reboot: {arguments.Error}");
    return 2;
}

if (arguments.Help)
{
    Console.Out.WriteLine(RebootUsage.Text);
    return 0;
}

if (arguments.Version)
{
    Console.Out.WriteLine("hpcmaint-reboot " + ProductVersion.Text);
    return 0;
}

var config = ConfigLoader.Load(arguments.ConfigPath, Environment.GetEnvironmentVariable);
if (!config.IsValid)
{
    foreach (var error in config.Errors)
    {
        Console.Error.WriteLine($"hpcmaint-reboot: {error}");
    }

    return 2;
}

using var logging = HpcMaintLogging.Create(config.Config!.Logging, TimeProvider.System);
var run = new RebootRun(config.Config, new AuditJournal(config.Config.Audit.Journal), TimeProvider.System, logging);
return run.Execute(arguments, NodeIdentity.Resolve(config.Config.Node, Environment.GetEnvironmentVariable, Environment.MachineName.ToString));
