using HpcMaint.Adapters.Config;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Health;

// Composition root of hpcmaint-health, slurm.conf's HealthCheckProgram. slurmd runs it with no
// arguments and only SLURMD_NODENAME in the environment: no PATH, no SLURM_CONF.
var arguments = HookArguments.Parse(args, []);
if (arguments.Error is not null)
{
    Console.Error.WriteLine($"hpcmaint-health: {arguments.Error}");
    return 2;
}

if (arguments.Help)
{
    Console.Out.WriteLine(HealthUsage.Text);
    return 0;
}

if (arguments.Version)
{
    Console.Out.WriteLine("hpcmaint-health " + ProductVersion.Text);
    return 0;
}

var config = ConfigLoader.Load(arguments.ConfigPath, Environment.GetEnvironmentVariable);
if (!config.IsValid)
{
    foreach (var error in config.Errors)
    {
        Console.Error.WriteLine($"hpcmaint-health: {error}");
    }

    return 2;
}

using var logging = HpcMaintLogging.Create(config.Config!.Logging, TimeProvider.System);
var node = NodeIdentity.Resolve(config.Config.Node, Environment.GetEnvironmentVariable, Environment.MachineName.ToString);
return HealthRun.Execute(config.Config, node, logging);
