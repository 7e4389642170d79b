using System.Globalization;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// "2026-11-21T10:00:00.123Z info hpcmaint-health: message", one line per entry (newlines in the
/// message are flattened so a log reader never sees half an entry), exception type and text appended.
/// </summary>
public sealed class OneLineLoggerProvider(TextWriter output, TimeProvider time) : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new OneLineLogger(this, categoryName);

    public void Dispose() => output.Flush();

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var text = exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message})";
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {LevelText(level)} {category}: {text.ReplaceLineEndings(" | ")}");
        lock (gate)
        {
            try
            {
                output.WriteLine(line);
                output.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
            {
                // Nowhere left to log to (a closed or broken stderr): the work itself must go on.
            }
        }
    }

    private static string LevelText(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };

    private sealed class OneLineLogger(OneLineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
