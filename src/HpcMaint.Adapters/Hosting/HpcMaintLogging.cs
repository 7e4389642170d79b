using HpcMaint.Core.Config;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// Microsoft.Extensions.Logging with one line per message on standard error, written synchronously:
/// fit for slurmd's log (which keeps a hook's output) and journald, and cheap enough for a hook that
/// slurmd starts every few seconds (the console provider's DI, options and queue thread cost ~30 ms).
/// </summary>
public static class HpcMaintLogging
{
    public static ILoggerFactory Create(LoggingSettings settings, TextWriter output, TimeProvider time, bool verbose = false) =>
        Create(verbose ? LogLevel.Debug : ParseLevel(settings.Level), output, time);

    public static ILoggerFactory Create(LogLevel minimum, TextWriter output, TimeProvider time) =>
        new LoggerFactory([new OneLineLoggerProvider(output, time)], new LoggerFilterOptions { MinLevel = minimum });

    public static LogLevel ParseLevel(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };
}
