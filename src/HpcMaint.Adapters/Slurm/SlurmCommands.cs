using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// Every Slurm command hpcmaint runs, as argv values (never a shell). Building is pure, so a dry run
/// prints exactly what would run and tests check arguments without running anything.
/// </summary>
public sealed class SlurmCommands(SlurmSettings settings)
{
    public const string SlurmConfVariable = "SLURM_CONF";

    public SlurmSettings Settings { get; } = settings;

    public Command ShowNodes() => Tool("sinfo", ["--json"]);

    public Command ShowNodesOfSlurm23() => Scontrol("show", "node", "--json");

    public Command ShowNode(string name) => Scontrol("show", "node", name);

    public Command ShowPartitions() => Scontrol("--all", "show", "partition", "--oneliner");

    /// <summary>Every job slurmctld still has, finished ones too: from 23.02 squeue --json keeps to its state filter, whose default leaves them out.</summary>
    public Command ShowJobs() => Tool("squeue", ["--all", "--states=all", "--json"]);

    public Command ShowReservations() => Scontrol("show", "reservation", "--oneliner");

    /// <summary>The topology slurmctld runs with, whatever file it came from (topology.conf, topology.yaml on 25.05+).</summary>
    public Command ShowTopology() => Scontrol("show", "topology");

    public Command Version() => Scontrol("version");

    public Command ShowConfig() => Scontrol("show", "config");

    public Command Drain(IEnumerable<string> nodes, string reason) =>
        Scontrol("update", "nodename=" + NodeList(nodes), "state=drain", "reason=" + reason);

    public Command Resume(IEnumerable<string> nodes) =>
        Scontrol("update", "nodename=" + NodeList(nodes), "state=resume");

    public Command Reboot(IEnumerable<string> nodes, RebootRequest request)
    {
        var args = new List<string> { "reboot" };
        if (request.Asap)
        {
            args.Add("ASAP");
        }

        if (request.NextState is { } next)
        {
            args.Add("nextstate=" + (next == RebootNextState.Resume ? "RESUME" : "DOWN"));
        }

        if (request.Reason is { } reason)
        {
            args.Add("reason=" + reason);
        }

        args.Add(NodeList(nodes));
        return Tool("scontrol", args);
    }

    public Command SetComment(string node, string comment) => Scontrol("update", "nodename=" + node, "comment=" + comment);

    public Command SetExtra(string node, string extra) => Scontrol("update", "nodename=" + node, "extra=" + extra);

    public Command CreateReservation(ReservationRequest request)
    {
        var args = new List<string>
        {
            "create", "reservation",
            "reservationname=" + request.Name,
            "starttime=" + request.StartTime,
            "duration=" + request.Duration,
            "users=" + request.Users,
            "nodes=" + NodeList(request.Nodes),
        };
        if (request.Flags.Count > 0)
        {
            args.Add("flags=" + string.Join(',', request.Flags));
        }

        return Tool("scontrol", args);
    }

    public Command UpdateReservation(string name, IReadOnlyDictionary<string, string> changes) =>
        Tool("scontrol", ["update", "reservationname=" + name, .. changes.Select(c => c.Key + "=" + c.Value)]);

    public Command DeleteReservation(string name) => Scontrol("delete", "reservationname=" + name);

    public Command Submit(BatchJobRequest job) => Tool("sbatch", job.ToArguments()).WithStandardInput(job.Script);

    public Command Requeue(long jobId) => Scontrol("requeue", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Command Cancel(long jobId) => Tool("scancel", [jobId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>A node list scontrol accepts, compressed so thousands of nodes stay one short argument.</summary>
    private static string NodeList(IEnumerable<string> nodes)
    {
        var list = nodes as IReadOnlyCollection<string> ?? nodes.ToArray();
        if (list.Count == 0)
        {
            throw new ArgumentException("a Slurm node command needs at least one node", nameof(nodes));
        }

        return Hostlist.Compress(list);
    }

    private Command Scontrol(params string[] args) => Tool("scontrol", args);

    // Slurm's commands get the minimal environment and SLURM_CONF: [slurm] conf, else the one hpcmaint was given.
    private Command Tool(string name, IEnumerable<string> args)
    {
        var command = Command.For(Path.Combine(Settings.BinDir, name))
            .WithArguments(args)
            .WithTimeout(Settings.CommandTimeout);
        return (Settings.Conf ?? Environment.GetEnvironmentVariable(SlurmConfVariable)) is { Length: > 0 } conf
            ? command.WithEnvironment(new Dictionary<string, string?> { [SlurmConfVariable] = conf })
            : command;
    }

}
