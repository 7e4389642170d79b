using System.Diagnostics.CodeAnalysis;
using HpcMaint.Adapters.Config;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Config;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Cli;

/// <summary>What every config-reading command does first: load, or list every problem and stop (exit 2).</summary>
public static class CliConfig
{
    public static bool TryLoad(CliEnvironment env, string? path, [NotNullWhen(true)] out HpcMaintConfig? config)
    {
        var result = ConfigLoader.Load(path, env.GetVariable);
        if (!result.IsValid)
        {
            ConfigErrorsPrinter.Print(env.Error, result.Errors);
        }

        config = result.Config;
        return config is not null;
    }

    /// <summary>Logs to standard error: the config's level, or debug with -v.</summary>
    public static ILoggerFactory Logging(CliEnvironment env, HpcMaintConfig config, bool verbose) =>
        HpcMaintLogging.Create(config.Logging, env.Error, env.Time, verbose);
}
