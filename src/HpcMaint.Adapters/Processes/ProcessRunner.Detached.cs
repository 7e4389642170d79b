using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

public sealed partial class ProcessRunner
{
    // Hand-written (posix_spawn), not CliWrap: CliWrap always connects the child's standard streams to pipes
    // read by this process, so a worker that outlives us would lose its output (and write into a closed pipe),
    // and with setsid's fork in between the worker's pid would be unknown. A detached start needs the log
    // file itself as the child's stdout and stderr, a new session, and its pid.

    /// <summary>
    /// Starts a command in a new session and returns at once, without waiting for it: for work that must outlive
    /// us, such as a RebootProgram handing off a slow rebuild. Standard input is /dev/null; standard output and
    /// error go to <paramref name="outputPath"/> (appended, created rw-r-----) or to /dev/null. The command's
    /// timeout and grace period do not apply. This process reaps the child if it exits first.
    /// </summary>
    public static DetachedStart StartDetached(Command command, string? outputPath = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.StandardInput is not null)
        {
            throw new ArgumentException("A detached command reads /dev/null; it cannot be given standard input.", nameof(command));
        }

        var output = outputPath is null
            ? StdioSource.NullOutput
            : StdioSource.FromFile(outputPath, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND | LibC.O_NOFOLLOW);
        var failure = Spawner.TrySpawnDetached(command, StdioSource.NullInput, output, StdioSource.FromDescriptor(1), out var pid);
        if (failure is not null)
        {
            return new DetachedStart(0, failure.Reason);
        }

        ChildReaper.ReapInBackground(pid);
        return new DetachedStart(pid, null);
    }
}
