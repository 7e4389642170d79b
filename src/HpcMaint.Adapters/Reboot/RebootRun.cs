using System.Globalization;
using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// One hpcmaint-reboot run: reads the call and what Slurm says of its nodes, lets the core decide each
/// node's reboot, records the decision, then hands it off and returns: commands start in a session of
/// their own, cloud work goes to one detached worker (this process, re-started with --worker). Nothing
/// here waits for the reboot: slurmctld 24.11 kills the RebootProgram's process group when it exits,
/// and 22.05 starts it with SIGCHLD and SIGTERM blocked and stdio closed.
/// </summary>
public sealed class RebootRun(HpcMaintConfig config, IAuditJournal journal, TimeProvider time, ILoggerFactory logging)
{
    /// <summary>What the worker reads from its environment, passed on by name: Slurm's config and clouds.yaml's search.</summary>
    private static readonly string[] WorkerVariables = [SlurmCommands.SlurmConfVariable, "OS_CLOUD", "OS_CLIENT_CONFIG_FILE", "XDG_CONFIG_HOME", "HOME"];

    private readonly ILogger log = logging.CreateLogger(RebootJournal.Actor);
    private readonly RebootJournal records = new(journal, time, logging.CreateLogger(RebootJournal.Actor));
    private readonly RebootMetrics metrics = new(config.Reboot.MetricsFile, time);

    /// <param name="positionals">The node list and features slurmctld passes; none when slurmd runs us.</param>
    /// <param name="thisNode">This node's name, asked only when slurmd runs us (no node list).</param>
    /// <param name="dryRun">Print what would run (to <paramref name="output"/>), change nothing.</param>
    /// <param name="workerCommand">How this program re-starts itself: the executable, to which the worker's arguments are added.</param>
    /// <returns>0 every reboot handed off, 1 some could not be started, 2 a node list that cannot be read.</returns>
    public async Task<int> ExecuteAsync(
        IReadOnlyList<string> positionals, Func<string> thisNode, bool dryRun, TextWriter output, string workerCommand, CancellationToken cancellationToken)
    {
        var call = RebootCall.Read(positionals, thisNode);
        if (!call.IsSuccess)
        {
            log.LogError("{Problem}", call.Problem);
            records.RecordNote(null, call.Problem!.Words + "; nothing rebooted", RebootCall.Controller);
            return 2;
        }

        var mode = call.Value.Mode;
        var plan = RebootPlanner.Plan(await ReadFactsAsync(call.Value, cancellationToken).ConfigureAwait(false), config);
        var failures = 0;
        var forWorker = new List<RebootAction>();
        foreach (var action in plan)
        {
            records.Record(action, mode, dryRun, AuditOutcome.Planned);
            if (dryRun)
            {
                await output.WriteLineAsync(DryRunText.Of(action, config.OpenStack, config.Oci)).ConfigureAwait(false);
            }
            else if (action.NeedsWorker)
            {
                forWorker.Add(action);
            }
            else if (!Start(action, mode))
            {
                failures++;
            }
        }

        if (forWorker.Count > 0 && !HandToWorker(forWorker, mode, workerCommand))
        {
            failures += forWorker.Count;
        }

        FlushMetrics(mode);
        return failures == 0 ? 0 : 1;
    }

    private async Task<IReadOnlyList<RebootFacts>> ReadFactsAsync(RebootCall call, CancellationToken cancellationToken)
    {
        if (!RebootPlanner.AsksSlurm(config))
        {
            return call.Nodes.Select(n => RebootFacts.Plain(n)).ToArray();
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm with { CommandTimeout = config.Reboot.SlurmTimeout }), new ProcessRunner(time));
        var facts = await SlurmRebootFacts.ReadAsync(slurm, call.Nodes, config, cancellationToken).ConfigureAwait(false);
        foreach (var f in facts)
        {
            foreach (var note in f.Notes)
            {
                log.LogWarning("node {Node}: {Note}", f.Node, note);
                records.RecordNote(f.Node, note, call.Mode);
            }
        }

        return facts;
    }

    private bool Start(RebootAction action, string mode)
    {
        var command = Command.For(action.Command[0]).WithArguments(action.Command.Skip(1));
        var started = ProcessRunner.StartDetached(command);
        if (!started.IsStarted)
        {
            log.LogError("node {Node}: cannot start `{Command}`: {Error}", action.Node, command, started.FailureReason);
            records.Record(action, mode, false, AuditOutcome.Failed, new Dictionary<string, string> { ["error"] = started.FailureReason! });
            metrics.Outcome(action, AuditOutcome.Failed);
            return false;
        }

        // Counted at once: run by slurmd, this process is on the node the command now reboots, and the
        // reboot ends it soon (the journal's record is the slower write: it is fsynced).
        metrics.Outcome(action, AuditOutcome.Succeeded);
        FlushMetrics(mode);
        log.LogInformation("node {Node}: {Method}: `{Command}` started as pid {Pid}", action.Node, action.MethodName, command, started.ProcessId);
        records.Record(action, mode, false, AuditOutcome.Succeeded, new Dictionary<string, string> { ["pid"] = Pid(started.ProcessId) });
        return true;
    }

    /// <summary>Writes the plan where the worker will find it and starts the worker in its own session.</summary>
    private bool HandToWorker(List<RebootAction> actions, string mode, string workerCommand)
    {
        var planFile = Path.Combine(config.Reboot.WorkDir, RebootPlanFile.NameFor(time.GetUtcNow(), Environment.ProcessId));
        string problem;
        if (AtomicFile.TryReplace(planFile, RebootPlanFile.Encode(mode, actions)) is { } notWritten)
        {
            problem = $"cannot write the plan in {config.Reboot.WorkDir}: {notWritten}";
        }
        else
        {
            var worker = Command.For(workerCommand)
                .WithArguments(["--config", config.SourceFile, WorkerRun.Option, planFile])
                .WithEnvironment(WorkerVariables.Where(name => Environment.GetEnvironmentVariable(name) is not null)
                    .ToDictionary(name => name, Environment.GetEnvironmentVariable));
            var started = ProcessRunner.StartDetached(worker, Path.Combine(config.Reboot.WorkDir, "worker.log"));
            if (started.IsStarted)
            {
                log.LogInformation("{Count} node(s) handed to the worker, pid {Pid}, plan {Plan}", actions.Count, started.ProcessId, planFile);
                return true;
            }

            problem = "cannot start the worker: " + started.FailureReason;
            File.Delete(planFile);
        }

        log.LogError("{Problem}", problem);
        foreach (var action in actions)
        {
            records.Record(action, mode, false, AuditOutcome.Failed, new Dictionary<string, string> { ["error"] = problem });
            metrics.Outcome(action, AuditOutcome.Failed);
        }

        return false;
    }

    private void FlushMetrics(string mode)
    {
        if (metrics.Flush() is { } problem)
        {
            log.LogWarning("{Problem}", problem);
            records.RecordNote(null, problem, mode);
        }
    }

    private static string Pid(int pid) => pid.ToString(CultureInfo.InvariantCulture);
}
