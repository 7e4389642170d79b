using System.Diagnostics.CodeAnalysis;
using HpcMaint.Adapters.Config;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Config;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Cli;

/// <summary>
/// What every config-reading command does first: load, or list every problem and stop (exit 2). Run as
/// root, the config file itself must be root's too (what it names runs as root).
/// </summary>
public static class CliConfig
{
    /// <param name="fileMustBeTrusted">Judge the config file's owner and mode even when not root (the prolog, `config check`).</param>
    public static bool TryLoad(CliEnvironment env, string? path, [NotNullWhen(true)] out HpcMaintConfig? config, bool fileMustBeTrusted = false)
    {
        config = Load(env, path, fileMustBeTrusted).Config;
        return config is not null;
    }

    /// <summary>The whole result: the config and every key in force (for `config check`).</summary>
    public static ConfigResult Load(CliEnvironment env, string? path, bool fileMustBeTrusted = false)
    {
        var result = ConfigLoader.Load(path, env.GetVariable, fileMustBeTrusted || env.RunsAsRoot);
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
