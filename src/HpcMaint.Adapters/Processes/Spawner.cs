using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>Turns a <see cref="Command"/> into a started child process, or a <see cref="SpawnFailure"/>.</summary>
internal static class Spawner
{
    private const int ENOENT = 2;
    private const int ENOSYS = 38;

    public static SpawnFailure? TrySpawn(
        Command command, StdioSource input, StdioSource output, StdioSource error, bool newSession, out int pid)
    {
        pid = 0;
        var environment = ChildEnvironment.For(command);
        var searchPath = environment.TryGetValue("PATH", out var path) && path.Length > 0 ? path : CommandDefaults.SearchPath;
        if (!ProgramLocator.TryLocate(command.Program, searchPath, out var executable, out var notFound))
        {
            return Failure(command, notFound, SpawnFailure.NotFound);
        }

        if (command.WorkingDirectory is { } directory && !Directory.Exists(directory))
        {
            return Failure(command, $"working directory {directory} does not exist", SpawnFailure.CannotExecute);
        }

        ChildStatusGuard.KeepChildStatuses();
        var request = new SpawnRequest(
            executable,
            [command.Program, .. command.Arguments],
            ChildEnvironment.ToEntries(environment),
            command.WorkingDirectory,
            input,
            output,
            error,
            newSession);

        int errno;
        lock (SpawnedChildren.Gate)
        {
            errno = PosixSpawn.Spawn(request, out pid);
            if (errno == 0)
            {
                SpawnedChildren.Add(pid, detached: newSession);
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

    private static SpawnFailure Failure(Command command, string detail, int exitCode) =>
        new($"cannot start {ShellQuoting.Quote(command.Program)}: {detail}", exitCode);
}
