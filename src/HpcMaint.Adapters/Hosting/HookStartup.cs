using HpcMaint.Adapters.Config;
using HpcMaint.Core.Config;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// The start of every Slurm hook (hpcmaint-health, hpcmaint-reboot): arguments, --help, --version,
/// the config validated once, its own trust included (every problem listed, exit 2, nothing done), then logging.
/// </summary>
public static class HookStartup
{
    public static async Task<int> RunAsync(
        string name,
        string usage,
        HookSyntax syntax,
        string[] args,
        Func<HookArguments, HpcMaintConfig, ILoggerFactory, Task<int>> run)
    {
        var arguments = HookArguments.Parse(args, syntax);
        if (arguments.Error is not null)
        {
            Console.Error.WriteLine($"{name}: {arguments.Error}");
            return 2;
        }

        if (arguments.Help)
        {
            Console.Out.WriteLine(usage);
            return 0;
        }

        if (arguments.Version)
        {
            Console.Out.WriteLine($"{name} {ProductVersion.Text}");
            return 0;
        }

        // slurmd runs the hooks as root on every node: the config decides what runs, so it must be root's.
        var config = ConfigLoader.Load(arguments.ConfigPath, Environment.GetEnvironmentVariable, fileMustBeTrusted: true);
        if (!config.IsValid)
        {
            foreach (var error in config.Errors)
            {
                Console.Error.WriteLine($"{name}: {error}");
            }

            return 2;
        }

        using var logging = HpcMaintLogging.Create(config.Config!.Logging, Console.Error, TimeProvider.System);
        try
        {
            return await run(arguments, config.Config, logging).ConfigureAwait(false);
        }
        catch (NotANodeNameException e)
        {
            logging.CreateLogger(name).LogError("{Problem}; nothing was done", e.Message);
            return 2;
        }
        catch (Exception e)
        {
            // A hook must end with a message in slurmd's log, never an abort with a core dump.
            logging.CreateLogger(name).LogCritical(e, "internal error; please report it with this line");
            return 1;
        }
    }

    /// <summary>This node's Slurm name (see <see cref="NodeIdentity"/>), from the real environment.</summary>
    /// <exception cref="NotANodeNameException">What was found is not a Slurm node name (it would name files and argv).</exception>
    public static string ThisNode(HpcMaintConfig config) =>
        NodeIdentity.Resolve(config.Node, Environment.GetEnvironmentVariable, () => Environment.MachineName);
}
