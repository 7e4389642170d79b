using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Runs commands as real child processes via posix_spawn: argv only, never a shell; each child leads its own
/// process group. On timeout or cancellation the group gets SIGTERM, then SIGKILL after the grace period, and
/// the result carries whatever output had arrived. Time is measured on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ProcessRunner(TimeProvider timeProvider) : ICommandRunner
{
    public async Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var startTime = timeProvider.GetUtcNow();
        if (cancellationToken.IsCancellationRequested)
        {
            return new CommandResult(
                command, CommandOutcome.Cancelled, -1, string.Empty, "hpcmaint: cancelled before start", startTime, startTime);
        }

        var child = RunningChild.TryStart(command, timeProvider, out var failure);
        if (child is null)
        {
            return new CommandResult(
                command, CommandOutcome.FailedToStart, failure!.ExitCode, string.Empty, failure.Reason, startTime, timeProvider.GetUtcNow());
        }

        using var timeout = new CancellationTokenSource(command.Timeout, timeProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        if (await CompletesAsync(child.Completion, deadline.Token))
        {
            return Finished(command, child, startTime);
        }

        var gone = await TerminateAsync(child, command.GracePeriod);
        var outcome = cancellationToken.IsCancellationRequested ? CommandOutcome.Cancelled : CommandOutcome.TimedOut;
        return Terminated(command, child, outcome, gone, startTime);
    }

    /// <summary>
    /// SIGTERM to the command's tree (its group, and descendants that left it), up to the grace period for it to
    /// finish, then the tree is frozen and SIGKILLed (<see cref="ProcessTree.Kill"/>).
    /// </summary>
    /// <returns>False if the command still had not finished a while after SIGKILL (stuck in the kernel, or its
    /// output held open by a process that could not be found).</returns>
    private async Task<bool> TerminateAsync(RunningChild child, TimeSpan gracePeriod)
    {
        var tree = new ProcessTree([child.ProcessId]);
        tree.Terminate(LibC.SIGTERM);
        child.SignalGroup(LibC.SIGTERM);
        await CompletesWithinAsync(child.Completion, gracePeriod);

        // Done even when the command finished within the grace period, so nothing it left behind survives. The
        // group id stays reserved while any member lives, so the group signal cannot hit a stranger.
        tree.Kill();
        child.SignalGroup(LibC.SIGKILL);
        return await CompletesWithinAsync(child.Completion, CommandDefaults.KillWait);
    }

    private static CommandResult Finished(Command command, RunningChild child, DateTimeOffset startTime)
    {
        var status = child.Exit.Result;
        var error = child.Error.Snapshot();
        if (status.IsLost)
        {
            error += $"\nhpcmaint: the exit status of process {child.ProcessId} was reaped elsewhere in this process (waitpid: ECHILD)";
        }

        var outcome = status.WasSignaled ? CommandOutcome.Signaled : CommandOutcome.Exited;
        return new CommandResult(
            command, outcome, status.ExitCode, child.Output.Snapshot(), error, startTime, status.ExitTime)
        {
            OutputTruncated = child.OutputTruncated,
        };
    }

    private CommandResult Terminated(
        Command command, RunningChild child, CommandOutcome outcome, bool gone, DateTimeOffset startTime)
    {
        var error = child.Error.Snapshot();
        if (!gone)
        {
            error += child.Exit.IsCompleted
                ? $"\nhpcmaint: process group {child.ProcessId} was killed but its output is still held open; giving up on it"
                : $"\nhpcmaint: process {child.ProcessId} did not exit after SIGKILL; giving up on it";
        }

        var status = child.Exit.IsCompletedSuccessfully ? child.Exit.Result : (ExitStatus?)null;
        return new CommandResult(
            command,
            outcome,
            status?.ExitCode ?? -1,
            child.Output.Snapshot(),
            error,
            startTime,
            status?.ExitTime ?? timeProvider.GetUtcNow())
        {
            OutputTruncated = child.OutputTruncated,
        };
    }

    private static async Task<bool> CompletesAsync(Task task, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit, timeProvider);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
