namespace HpcMaint.Cli;

/// <summary>Everything `hpcmaint` takes from the machine, so commands can be run in-process by tests.</summary>
public sealed record CliEnvironment(
    TimeProvider Time,
    Func<string, string?> GetVariable,
    TextReader In,
    TextWriter Out,
    TextWriter Error)
{
    public static CliEnvironment System => new(
        TimeProvider.System,
        Environment.GetEnvironmentVariable,
        new StreamReader(Console.OpenStandardInput(), global::System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16),
        new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false },
        Console.Error);
}
