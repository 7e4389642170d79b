using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Finds what a <see cref="Command"/> would execute, and starts a detached one in a new session via posix_spawn
/// (<see cref="ProcessRunner.StartDetached"/>), or says why not (<see cref="SpawnFailure"/>).
/// </summary>
internal static class Spawner
{
    private const int ENOENT = 2;
    private const int ENOSYS = 38;

    /// <summary>The child's environment and the file to execute, or why the command cannot start.</summary>
    public static SpawnFailure? TryResolve(Command command, out Dictionary<string, string> environment, out string executable)
    {
        environment = ChildEnvironment.For(command);
        if (!ProgramLocator.TryLocate(command.Program, SearchPath(environment), out executable, out var notFound))
        {
            return Failure(command, notFound, SpawnFailure.NotFound);
        }

        return command.WorkingDirectory is { } directory && !Directory.Exists(directory)
            ? Failure(command, $"working directory {directory} does not exist", SpawnFailure.CannotExecute)
            : null;
    }

    /// <summary>The PATH a bare program name is looked up in: the child's, or the system directories when it has none.</summary>
    public static string SearchPath(Dictionary<string, string> environment) =>
        environment.TryGetValue("PATH", out var path) && path.Length > 0 ? path : CommandDefaults.SearchPath;

    public static SpawnFailure? TrySpawnDetached(Command command, StdioSource input, StdioSource output, StdioSource error, out int pid)
    {
        pid = 0;
        if (TryResolve(command, out var environment, out var executable) is { } failure)
        {
            return failure;
        }

        var request = new SpawnRequest(
            executable,
            [command.Program, .. command.Arguments],
            ChildEnvironment.ToEntries(environment),
            command.WorkingDirectory,
            input,
            output,
            error);

        int errno;
        lock (SpawnedChildren.Gate)
        {
            errno = PosixSpawn.Spawn(request, out pid);
            if (errno == 0)
            {
                SpawnedChildren.Add(pid, detached: true);
            }
        }

        return errno switch
        {
            0 => null,
            ENOENT => Failure(command, $"{executable}: {LibC.Describe(errno)}", SpawnFailure.NotFound),
            ENOSYS when command.WorkingDirectory is not null =>
                Failure(command, "setting a working directory needs glibc 2.29 or later", SpawnFailure.CannotExecute),
            _ => Failure(command, $"{executable}: {LibC.Describe(errno)}", SpawnFailure.CannotExecute),
        };
    }

    public static SpawnFailure Failure(Command command, string detail, int exitCode) =>
        new($"cannot start {ShellQuoting.Quote(command.Program)}: {detail}", exitCode);
}
