using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

public sealed partial class ProcessRunner
{
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
        var failure = Spawner.TrySpawn(
            command, StdioSource.NullInput, output, StdioSource.FromDescriptor(1), newSession: true, out var pid);
        if (failure is not null)
        {
            return new DetachedStart(0, failure.Reason);
        }

        ChildReaper.ReapInBackground(pid);
        return new DetachedStart(pid, null);
    }
}
