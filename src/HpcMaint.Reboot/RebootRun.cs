using HpcMaint.Adapters.Hosting;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Reboot;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Reboot;

/// <summary>
/// Plans the reboots, records each decision in the journal, and starts each reboot in its own session
/// so it outlives this process (slurmctld 24.11 kills the RebootProgram's process group on exit, and
/// 22.05 starts it with SIGCHLD blocked: nothing here waits for a child).
/// </summary>
internal sealed class RebootRun(HpcMaintConfig config, IAuditJournal journal, TimeProvider time, ILoggerFactory logging)
{
    private const string Actor = "hpcmaint-reboot";
    private readonly ILogger log = logging.CreateLogger(Actor);

    public int Execute(HookArguments arguments, string thisNode)
    {
        IReadOnlyList<string> nodes;
        string mode;
        if (arguments.Positionals.Count == 0)
        {
            nodes = [thisNode];
            mode = "slurmd";
        }
        else if (!Hostlist.TryExpand(arguments.Positionals[0], out nodes, out var error))
        {
            log.LogError("cannot read the node list '{Nodes}' from slurmctld: {Error}", arguments.Positionals[0], error);
            return 2;
        }
        else
        {
            mode = "controller";
        }

        var failures = 0;
        foreach (var action in RebootPlanner.Plan(nodes, config.Reboot))
        {
            if (!Hand(action, mode, arguments.DryRun))
            {
                failures++;
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private bool Hand(RebootAction action, string mode, bool dryRun)
    {
        var command = Command.For(action.Command[0]).WithArguments(action.Command.Skip(1));
        var details = new Dictionary<string, string> { ["command"] = command.ToString(), ["method"] = action.Method, ["mode"] = mode };
        // The decision is recorded before it is carried out: a real reboot may end this process first.
        Record(action.Node, dryRun, AuditOutcome.Planned, details);
        if (dryRun)
        {
            Console.Out.WriteLine($"would reboot {action.Node}: {command}");
            return true;
        }

        var started = ProcessRunner.StartDetached(command);
        if (!started.IsStarted)
        {
            details["error"] = started.FailureReason!;
            log.LogError("node {Node}: cannot start the reboot `{Command}`: {Error}", action.Node, command, started.FailureReason);
            Record(action.Node, false, AuditOutcome.Failed, details);
            return false;
        }

        details["pid"] = started.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        log.LogInformation("node {Node}: rebooting ({Method}): `{Command}` started as pid {Pid}", action.Node, action.Method, command, started.ProcessId);
        Record(action.Node, false, AuditOutcome.Succeeded, details);
        return true;
    }

    private void Record(string node, bool dryRun, AuditOutcome outcome, Dictionary<string, string> details)
    {
        try
        {
            journal.Append(new AuditRecord(time.GetUtcNow(), Actor, node, "reboot", "requested by Slurm (RebootProgram)", dryRun, outcome, details));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reboot was asked for by Slurm; a journal that cannot be written must not block it.
            log.LogError("cannot write the audit journal {Journal}: {Error}", config.Audit.Journal, e.Message);
        }
    }
}
