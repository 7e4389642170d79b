using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// What CliWrap actually starts for a command: <c>env --default-signal setsid --fork --wait -- PROGRAM ARGS</c>.
/// </summary>
/// <remarks>
/// CliWrap (System.Diagnostics.Process) gives the child no process group of its own and passes on signals
/// ignored here (.NET ignores SIGPIPE; slurmd may ignore more). coreutils env puts every signal back to its
/// default. util-linux setsid forks the program into a session and process group of its own, so a timeout
/// can end the whole group, and waits for it: Process only reports 128 + n for a program killed by signal n,
/// which an exit(128 + n) cannot be told from, while setsid says so (see <see cref="ExitReport"/>). The two
/// programs are found once; without them no command runs, and the result says why.
/// </remarks>
internal static class StartWrapper
{
    private static readonly string[] Directories = ["/usr/bin", "/bin"];

    private static readonly string? Env = Find("env");
    private static readonly string? Setsid = Find("setsid");

    /// <summary>The program CliWrap starts (env), or null and why not.</summary>
    public static string? Program(out string missing)
    {
        missing = Env is null ? "env (coreutils 8.31 or later)" : Setsid is null ? "setsid (util-linux)" : string.Empty;
        return missing.Length == 0 ? Env : null;
    }

    /// <summary>env's arguments: reset the signals, start <paramref name="program"/> in a new session and wait for it.</summary>
    public static IEnumerable<string> Arguments(string program, IReadOnlyList<string> arguments) =>
        ["--default-signal", Setsid!, "--fork", "--wait", "--", program, .. arguments];

    private static string? Find(string name) =>
        Directories.Select(directory => Path.Join(directory, name)).FirstOrDefault(path => LibC.Access(path, LibC.X_OK) == 0);
}
