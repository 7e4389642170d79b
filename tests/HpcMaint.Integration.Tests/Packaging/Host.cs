using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Packaging;

/// <summary>A program of this machine run as the specs' own step, with a limit, its result shown when a check fails.</summary>
internal static class Host
{
    public static async Task<CommandResult> RunAsync(string program, params string[] arguments) =>
        await RunAsync(Command.For(program).WithArguments(arguments).WithTimeout(TimeSpan.FromMinutes(3)));

    public static async Task<CommandResult> RunAsync(Command command) => await new ProcessRunner(TimeProvider.System).RunAsync(command);

    /// <summary>As slurmd and slurmctld start a hook: no environment at all (no PATH, no DOTNET_ROOT).</summary>
    public static async Task<CommandResult> RunBareAsync(string program, params string[] arguments) =>
        await RunAsync(Command.For(program).WithArguments(arguments).WithCleanEnvironment().WithTimeout(TimeSpan.FromMinutes(1)));

    public static string Show(CommandResult result) =>
        $"{result.Command}: {result.Outcome}, exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}";

    /// <summary>Runs it and fails the spec, showing its output, unless it exits 0.</summary>
    public static async Task<CommandResult> SucceedAsync(string program, params string[] arguments)
    {
        var result = await RunAsync(program, arguments);
        Assert.True(result.IsSuccess, Show(result));
        return result;
    }

    /// <summary>Owner, group and mode (octal) of each path, as stat prints them.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OwnershipAsync(IEnumerable<string> paths)
    {
        var result = await SucceedAsync("/usr/bin/stat", ["-c", "%n %U:%G %a", .. paths]);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }
}
