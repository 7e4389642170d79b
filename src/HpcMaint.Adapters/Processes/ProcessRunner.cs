using System.ComponentModel;
using System.Text;
using CliWrap;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Runs commands through CliWrap: argv only, never a shell; each program in a session and process group of
/// its own, with every signal at its default and none blocked (<see cref="StartWrapper"/>). On timeout or
/// cancellation its tree gets SIGTERM, then SIGKILL after the grace period, and the result carries whatever
/// output had arrived. Time is measured on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ProcessRunner(TimeProvider timeProvider) : ICommandRunner
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var startTime = timeProvider.GetUtcNow();
        if (cancellationToken.IsCancellationRequested)
        {
            return new CommandResult(
                command, CommandOutcome.Cancelled, -1, string.Empty, "hpcmaint: cancelled before start", startTime, startTime);
        }

        var output = new BoundedOutput(command.OutputLimit);
        var error = new BoundedOutput(command.OutputLimit);
        var running = TryStart(command, output, error, out var failure);
        if (running is null)
        {
            return new CommandResult(
                command, CommandOutcome.FailedToStart, failure!.ExitCode, string.Empty, failure.Reason, startTime, timeProvider.GetUtcNow());
        }

        var processId = running.ProcessId;
        var exit = ExitAsync(running);
        using var timeout = new CancellationTokenSource(command.Timeout, timeProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        if (await CompletesAsync(exit, deadline.Token))
        {
            return Finished(command, exit.Result, output, error, startTime);
        }

        var gone = await TerminateAsync(processId, exit, command.GracePeriod);
        var outcome = cancellationToken.IsCancellationRequested ? CommandOutcome.Cancelled : CommandOutcome.TimedOut;
        return Terminated(command, processId, exit, outcome, gone, output, error, startTime);
    }

    private static CommandTask<CliWrap.CommandResult>? TryStart(
        Command command, BoundedOutput output, BoundedOutput error, out SpawnFailure? failure)
    {
        failure = Spawner.TryResolve(command, out var environment, out var executable);
        if (failure is not null)
        {
            return null;
        }

        if (StartWrapper.Program(out var missing) is not { } wrapper)
        {
            failure = Spawner.Failure(command, $"{missing} is needed to start commands and was not found in /usr/bin or /bin", SpawnFailure.NotFound);
            return null;
        }

        // setsid execs the name as given, so argv[0] is what the caller wrote; its own PATH search matches
        // ProgramLocator's only when every entry is absolute (execvp would try the others, and its own
        // default PATH when there is none), so otherwise it gets the path found.
        var program = environment.TryGetValue("PATH", out var path) && path.Length > 0 && path.Split(':').All(entry => entry.StartsWith('/'))
            ? command.Program
            : executable;
        var cli = Cli.Wrap(wrapper)
            .WithStandardInputPipe(command.StandardInput is null ? PipeSource.Null : PipeSource.FromString(command.StandardInput, Utf8))
            .WithStandardOutputPipe(output)
            .WithStandardErrorPipe(error)
            .WithValidation(CommandResultValidation.None);
        if (command.WorkingDirectory is not null)
        {
            cli = cli.WithWorkingDirectory(command.WorkingDirectory);
        }

        try
        {
            return Start(cli, StartWrapper.Arguments(program, command.Arguments), environment);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            failure = Spawner.Failure(command, $"{wrapper}: {e.Message}", SpawnFailure.CannotExecute);
            return null;
        }
    }

    private static CommandTask<CliWrap.CommandResult> Start(
        CliWrap.Command cli, IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        // Held from the fork to the registration, so a sweep for orphans never takes the child for one.
        lock (SpawnedChildren.Gate)
        {
            // CliWrap forks on this thread before ExecuteAsync returns.
            using var mask = ThreadSignalMask.Cleared();
            var running = cli.ExecuteAsync(
                info =>
                {
                    // Exactly this argv and this environment, not CliWrap's quoted string and our own variables.
                    foreach (var argument in arguments)
                    {
                        info.ArgumentList.Add(argument);
                    }

                    info.Environment.Clear();
                    foreach (var (name, value) in environment)
                    {
                        info.Environment[name] = value;
                    }
                },
                null,
                CancellationToken.None,
                CancellationToken.None);
            SpawnedChildren.Add(running.ProcessId, detached: false);
            return running;
        }
    }

    /// <summary>The wrapper's exit code and when it came, once its output streams are closed too.</summary>
    private async Task<(int ExitCode, DateTimeOffset ExitTime)> ExitAsync(CommandTask<CliWrap.CommandResult> running)
    {
        try
        {
            var result = await running;
            return (result.ExitCode, timeProvider.GetUtcNow());
        }
        finally
        {
            SpawnedChildren.Remove(running.ProcessId);
        }
    }

    /// <summary>
    /// SIGTERM to the command's tree (the program's group, and descendants that left it) but not to the
    /// waiting setsid, which must live to say how the program ended; up to the grace period for it to finish;
    /// then the tree, setsid too, is frozen and SIGKILLed (<see cref="ProcessTree.Kill"/>).
    /// </summary>
    /// <returns>False if the command still had not finished a while after SIGKILL (stuck in the kernel, or its
    /// output held open by a process that could not be found).</returns>
    private async Task<bool> TerminateAsync(int processId, Task exit, TimeSpan gracePeriod)
    {
        var tree = new ProcessTree([processId]);
        tree.Terminate(LibC.SIGTERM, spared: processId);
        await CompletesWithinAsync(exit, gracePeriod);

        // Done even when the command finished within the grace period, so nothing it left behind survives.
        tree.Kill();
        return await CompletesWithinAsync(exit, CommandDefaults.KillWait);
    }

    private static CommandResult Finished(
        Command command, (int ExitCode, DateTimeOffset ExitTime) exit, BoundedOutput output, BoundedOutput error, DateTimeOffset startTime)
    {
        var (outcome, exitCode, standardError) = ExitReport.Read(exit.ExitCode, error.Snapshot());
        if (outcome == CommandOutcome.FailedToStart)
        {
            standardError = Spawner.Failure(command, standardError, exitCode).Reason;
        }

        return new CommandResult(command, outcome, exitCode, output.Snapshot(), standardError, startTime, exit.ExitTime)
        {
            OutputTruncated = output.Truncated || error.Truncated,
        };
    }

    private CommandResult Terminated(
        Command command,
        int processId,
        Task<(int ExitCode, DateTimeOffset ExitTime)> exit,
        CommandOutcome outcome,
        bool gone,
        BoundedOutput output,
        BoundedOutput error,
        DateTimeOffset startTime)
    {
        var standardError = error.Snapshot();
        var exitCode = -1;
        var exitTime = timeProvider.GetUtcNow();
        if (exit.IsCompletedSuccessfully)
        {
            (_, exitCode, standardError) = ExitReport.Read(exit.Result.ExitCode, standardError);
            exitTime = exit.Result.ExitTime;
        }

        if (!gone)
        {
            standardError += $"\nhpcmaint: process {processId} and its tree were killed but did not finish (stuck in the kernel, or its output held open); giving up on it";
        }

        return new CommandResult(command, outcome, exitCode, output.Snapshot(), standardError, startTime, exitTime)
        {
            OutputTruncated = output.Truncated || error.Truncated,
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
