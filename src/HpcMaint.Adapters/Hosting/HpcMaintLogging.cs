using HpcMaint.Core.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// One line per message on standard error, with a UTC timestamp: fit for slurmd's log (which keeps a
/// hook's output) and for journald. Dispose the factory before exit so no message is lost.
/// </summary>
public static class HpcMaintLogging
{
    public static ILoggerFactory Create(LoggingSettings settings, bool verbose = false) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : ParseLevel(settings.Level))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    public static LogLevel ParseLevel(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };
}
