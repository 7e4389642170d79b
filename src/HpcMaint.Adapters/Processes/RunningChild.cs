using System.Text;
using Microsoft.Win32.SafeHandles;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>A started child: its pid (also its process group id), its exit and its captured output.</summary>
internal sealed class RunningChild
{
    private RunningChild(int processId, Task<ExitStatus> exit, OutputCapture output, OutputCapture error)
    {
        ProcessId = processId;
        Exit = exit;
        Output = output;
        Error = error;
        Completion = Task.WhenAll(exit, output.Completion, error.Completion);
    }

    public int ProcessId { get; }

    /// <summary>Completes when the child has exited and been reaped, on a thread that does nothing but waitpid.</summary>
    public Task<ExitStatus> Exit { get; }

    public OutputCapture Output { get; }

    public OutputCapture Error { get; }

    public bool OutputTruncated => Output.Truncated || Error.Truncated;

    /// <summary>The child has exited and both output pipes are at end of file.</summary>
    public Task Completion { get; }

    public static RunningChild? TryStart(Command command, TimeProvider timeProvider, out SpawnFailure? failure)
    {
        var output = Pipe.TryCreate(out var pipeError);
        var error = output is null ? null : Pipe.TryCreate(out pipeError);
        var input = error is null || command.StandardInput is null ? null : Pipe.TryCreate(out pipeError);
        if (output is null || error is null || (command.StandardInput is not null && input is null))
        {
            output?.Dispose();
            error?.Dispose();
            failure = new SpawnFailure(
                $"cannot start {ShellQuoting.Quote(command.Program)}: pipe: {LibC.Describe(pipeError)}",
                SpawnFailure.CannotExecute);
            return null;
        }

        int pid;
        try
        {
            failure = Spawner.TrySpawn(
                command,
                input is null ? StdioSource.NullInput : StdioSource.FromDescriptor(Descriptor(input.ReadEnd)),
                StdioSource.FromDescriptor(Descriptor(output.WriteEnd)),
                StdioSource.FromDescriptor(Descriptor(error.WriteEnd)),
                newSession: false,
                out pid);
        }
        finally
        {
            // The child has its own copies; ours must go, or end of file never comes.
            output.WriteEnd.Dispose();
            error.WriteEnd.Dispose();
            input?.ReadEnd.Dispose();
        }

        if (failure is not null)
        {
            output.Dispose();
            error.Dispose();
            input?.Dispose();
            return null;
        }

        var exit = Task.Factory.StartNew(
            () => WaitForExit(pid, timeProvider),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var child = new RunningChild(pid, exit, OutputCapture.Start(output.ReadEnd, command.OutputLimit), OutputCapture.Start(error.ReadEnd, command.OutputLimit));
        if (input is not null)
        {
            WriteInput(input.WriteEnd, command.StandardInput!);
        }

        return child;
    }

    /// <summary>Sends a signal to the child's whole process group; a group that is already gone is fine.</summary>
    public void SignalGroup(int signal) => LibC.Kill(-ProcessId, signal);

    private static ExitStatus WaitForExit(int pid, TimeProvider timeProvider) =>
        ChildReaper.WaitForExit(pid, out var status)
            ? ExitStatus.FromWaitStatus(status, timeProvider.GetUtcNow())
            : ExitStatus.Lost(timeProvider.GetUtcNow());

    private static void WriteInput(SafeFileHandle writeEnd, string text) =>
        Task.Factory.StartNew(
            () =>
            {
                using var stream = new FileStream(writeEnd, FileAccess.Write, bufferSize: 0);
                try
                {
                    stream.Write(Encoding.UTF8.GetBytes(text));
                }
                // Expect IOException "Broken pipe" (EPIPE): the child exited or closed its stdin without
                // reading all of it. Whether that matters is for its exit code to say.
                catch (IOException ex) when (ex.GetType() == typeof(IOException))
                {
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();
}
