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
        config = Load(env, path).Config;
        return config is not null;
    }

    /// <summary>The whole result: the config and every key in force (for `config check`).</summary>
    public static ConfigResult Load(CliEnvironment env, string? path)
    {
        var result = ConfigLoader.Load(path, env.GetVariable);
        if (!result.IsValid)
        {
            ConfigErrorsPrinter.Print(env.Error, result.Errors);
        }

        return result;
    }

    /// <summary>Logs to standard error: the config's level, or debug with -v.</summary>
    public static ILoggerFactory Logging(CliEnvironment env, HpcMaintConfig config, bool verbose) =>
        HpcMaintLogging.Create(config.Logging, env.Error, env.Time, verbose);
}
