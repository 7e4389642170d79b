using HpcMaint.Adapters.Files;
using System.Globalization;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Slurm;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Reboot;

/// <summary>
/// Decides each node's reboot, records the decision, then hands it off and returns: commands start in
/// a session of their own, OpenStack work goes to one detached worker (this process, re-started with
/// --worker). Nothing here waits for the reboot: slurmctld 24.11 kills the RebootProgram's process group
/// when it exits, and 22.05 starts it with SIGCHLD and SIGTERM blocked and stdio closed.
/// </summary>
internal sealed class RebootRun(HpcMaintConfig config, IAuditJournal journal, TimeProvider time, ILoggerFactory logging)
{
    /// <summary>What the worker reads from its environment, passed on by name: Slurm's config and clouds.yaml's search.</summary>
    private static readonly string[] WorkerVariables = [SlurmCommands.SlurmConfVariable, "OS_CLOUD", "OS_CLIENT_CONFIG_FILE", "XDG_CONFIG_HOME", "HOME"];

    private readonly ILogger log = logging.CreateLogger(RebootJournal.Actor);
    private readonly RebootJournal records = new(journal, time, logging.CreateLogger(RebootJournal.Actor));
    private readonly RebootMetrics metrics = new(config.Reboot.MetricsFile, time);

    /// <param name="thisNode">This node's name, asked only when slurmd runs us (no node list).</param>
    public int Execute(HookArguments arguments, Func<string> thisNode)
    {
        IReadOnlyList<string> nodes;
        string mode;
        if (arguments.Positionals.Count == 0)
        {
            nodes = [thisNode()];
            mode = "slurmd";
        }
        else if (SlurmNames.NodeListProblem(arguments.Positionals[0], out nodes) is { } error)
        {
            var list = PrintableText.Line(arguments.Positionals[0], 200);
            log.LogError("cannot read the node list '{Nodes}' from slurmctld: {Error}", list, error);
            records.RecordNote(null, $"cannot read the node list '{list}' from slurmctld: {error}; nothing rebooted", "controller");
            return 2;
        }
        else
        {
            mode = "controller";
        }

        var plan = RebootPlanner.Plan(ReadFacts(nodes, mode), config);
        var failures = 0;
        var forWorker = new List<RebootAction>();
        foreach (var action in plan)
        {
            records.Record(action, mode, arguments.DryRun, AuditOutcome.Planned);
            if (arguments.DryRun)
            {
                Console.Out.WriteLine(DryRunText.Of(action, config.OpenStack));
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

        if (forWorker.Count > 0 && !HandToWorker(forWorker, mode))
        {
            failures += forWorker.Count;
        }

        FlushMetrics(mode);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Slurm is asked only when what it says can change a decision: when a rebuild can be carried out.</summary>
    private IReadOnlyList<RebootFacts> ReadFacts(IReadOnlyList<string> nodes, string mode)
    {
        if (config.OpenStack is null && config.Rebuild.Command is null)
        {
            return nodes.Select(n => RebootFacts.Plain(n)).ToArray();
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm with { CommandTimeout = config.Reboot.SlurmTimeout }), new ProcessRunner(time));
        var facts = SlurmRebootFacts.ReadAsync(slurm, nodes, config, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var f in facts)
        {
            foreach (var note in f.Notes)
            {
                log.LogWarning("node {Node}: {Note}", f.Node, note);
                records.RecordNote(f.Node, note, mode);
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
    private bool HandToWorker(List<RebootAction> actions, string mode)
    {
        var planFile = Path.Combine(config.Reboot.WorkDir, $"plan-{time.GetUtcNow().ToUnixTimeMilliseconds()}-{Environment.ProcessId}.json");
        string problem;
        if (AtomicFile.TryReplace(planFile, RebootPlanFile.Encode(mode, actions)) is { } notWritten)
        {
            problem = $"cannot write the plan in {config.Reboot.WorkDir}: {notWritten}";
        }
        else
        {
            var worker = Command.For(Environment.ProcessPath!)
                .WithArguments(["--config", config.SourceFile, WorkerArguments.Option, planFile])
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
