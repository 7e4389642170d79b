namespace HpcMaint.Cli;

/// <summary>Everything `hpcmaint` takes from the machine, so commands can be run in-process by tests.</summary>
public sealed record CliEnvironment(
    TimeProvider Time,
    Func<string, string?> GetVariable,
    Stream Input,
    TextWriter Out,
    TextWriter Error)
{
    public static CliEnvironment System => new(
        TimeProvider.System,
        Environment.GetEnvironmentVariable,
        Console.OpenStandardInput(),
        new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false },
        Console.Error)
    {
        OutputIsTerminal = !Console.IsOutputRedirected,
        RunsAsRoot = Adapters.Files.FileFacts.RunningUser == 0,
    };

    /// <summary>The effective user is root: the config must then be root's as well.</summary>
    public bool RunsAsRoot { get; init; }

    /// <summary>Standard output is a terminal: live views may redraw their last line.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Standard input as text (UTF-8), read through one large buffer.</summary>
    public string ReadAllInput()
    {
        using var reader = new StreamReader(Input, global::System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
