namespace HpcMaint.Core.Config;

/// <summary>The whole of /etc/hpcmaint/hpcmaint.toml, validated, with defaults for what is not written.</summary>
public sealed record HpcMaintConfig(
    string SourceFile,
    SlurmSettings Slurm,
    AuditSettings Audit,
    LoggingSettings Logging,
    NodeSettings Node,
    RebootSettings Reboot)
{
    public const string DefaultPath = "/etc/hpcmaint/hpcmaint.toml";

    public Health.HealthSettings Health { get; init; } = new();

    public PowerSettings Power { get; init; } = new();

    public Rebuild.RebuildSettings Rebuild { get; init; } = new();

    /// <summary>[service] and [[maintenance.window]]: `hpcmaint service`.</summary>
    public Service.ServiceSettings Service { get; init; } = new();

    /// <summary>[openstack]; null when the file has no such section (the nodes are not OpenStack servers).</summary>
    public OpenStackSettings? OpenStack { get; init; }

    /// <summary>[oci]; null when the file has no such section (the nodes are not OCI instances).</summary>
    public OciSettings? Oci { get; init; }

    /// <summary>The configuration when no file exists at the default path: safe on any node.</summary>
    public static HpcMaintConfig Defaults(string sourceFile) =>
        new(sourceFile, new SlurmSettings(), new AuditSettings(), new LoggingSettings(), new NodeSettings(), new RebootSettings());
}

/// <summary>[slurm]: where Slurm's commands are; hooks run by slurmd get no PATH and no SLURM_CONF.</summary>
public sealed record SlurmSettings
{
    /// <summary>The Slurm commands hpcmaint runs from <see cref="BinDir"/>.</summary>
    public static readonly IReadOnlyList<string> Commands = ["scontrol", "sinfo", "squeue", "sbatch", "scancel"];

    public string BinDir { get; init; } = "/usr/bin";

    /// <summary>slurm.conf's SlurmUser, whose rebuild jobs hpcmaint-reboot honours besides root's; null: asked of Slurm when needed.</summary>
    public string? User { get; init; }

    public string? Conf { get; init; }

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>[audit]: the append-only JSONL journal of every decision and action.</summary>
public sealed record AuditSettings(string Journal = "/var/log/hpcmaint/audit.jsonl");

/// <summary>[logging]: one-line logs on standard error (slurmd keeps them in its log).</summary>
public sealed record LoggingSettings(string Level = "info")
{
    public static readonly IReadOnlyList<string> Levels = ["trace", "debug", "info", "warning", "error"];
}

/// <summary>[node]: this node's Slurm name when it differs from the short host name.</summary>
public sealed record NodeSettings(string? Name = null);

/// <summary>
/// [reboot]: how hpcmaint-reboot reboots a node: the OS command, a power cycle, OpenStack or OCI, chosen
/// per node (the first [[reboot.nodes]] whose hosts match, else <see cref="Method"/>).
/// </summary>
public sealed record RebootSettings
{
    public static readonly IReadOnlyList<string> DefaultCommand = ["/usr/sbin/reboot"];

    public IReadOnlyList<string> Command { get; init; } = DefaultCommand;

    public RebootMethodChoice Method { get; init; } = RebootMethodChoice.Os;

    public IReadOnlyList<RebootNodeGroup> Nodes { get; init; } = [];

    /// <summary>Limit on each Slurm read; the RebootProgram must decide quickly.</summary>
    public TimeSpan SlurmTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where plans handed to the detached worker, and its log, are kept.</summary>
    public string WorkDir { get; init; } = "/var/lib/hpcmaint/reboot";

    /// <summary>Prometheus textfile of reboots and rebuilds, shared by every hpcmaint-reboot and worker; null: none.</summary>
    public string? MetricsFile { get; init; }

    public RebootMethodChoice MethodFor(string node) =>
        Nodes.FirstOrDefault(g => g.Hosts.Matches(node))?.Method ?? Method;

    public bool Equals(RebootSettings? other) =>
        other is not null && Command.SequenceEqual(other.Command) && Method == other.Method && Nodes.SequenceEqual(other.Nodes)
        && SlurmTimeout == other.SlurmTimeout && WorkDir == other.WorkDir && MetricsFile == other.MetricsFile;

    public override int GetHashCode() => HashCode.Combine(Command.Count, Method, Nodes.Count, SlurmTimeout, WorkDir);
}

/// <summary>The ways a node can be rebooted, as [reboot] method names them.</summary>
public enum RebootMethodChoice
{
    /// <summary>"os": [reboot] command.</summary>
    Os,

    /// <summary>"power": [power] command (a BMC power cycle).</summary>
    Power,

    /// <summary>"openstack": a Nova soft or hard reboot of the node's server.</summary>
    OpenStack,

    /// <summary>"oci": an OCI InstanceAction SOFTRESET or RESET of the node's instance.</summary>
    Oci,
}

/// <summary>One [[reboot.nodes]] line: these hosts are rebooted this way.</summary>
public sealed record RebootNodeGroup(Health.HostTarget Hosts, RebootMethodChoice Method);

/// <summary>[power]: the power-cycle command, an argv template with "{node}" (e.g. ipmitool to the BMC).</summary>
public sealed record PowerSettings
{
    public IReadOnlyList<string>? Command { get; init; }

    public bool Equals(PowerSettings? other) => other is not null && SameArgv(Command, other.Command);

    public override int GetHashCode() => Command?.Count ?? -1;

    internal static bool SameArgv(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}

/// <summary>[openstack]: the cloud the nodes run in, how a node finds its server, and how it is rebooted or rebuilt.</summary>
public sealed record OpenStackSettings
{
    /// <summary>The cloud in clouds.yaml; null: OS_CLOUD, else the only one defined.</summary>
    public string? Cloud { get; init; }

    /// <summary>clouds.yaml; null: the usual search (OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack, /etc/openstack).</summary>
    public string? CloudsFile { get; init; }

    /// <summary>The image a node due for a rebuild gets when no rebuild job names one.</summary>
    public string? Image { get; init; }

    public ServerLookup ServerLookup { get; init; } = ServerLookup.Name;

    public string? MapFile { get; init; }

    public string? MetadataKey { get; init; }

    public bool HardReboot { get; init; }

    public TimeSpan RebuildTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public int MaxInFlight { get; init; } = 10;

    /// <summary>
    /// Lock files (one per slot) that make <see cref="MaxInFlight"/> hold across every hpcmaint process
    /// using this directory: controller mode starts one hpcmaint-reboot per rebuild job. In slurmd mode
    /// it must be on storage every node shares for the limit to be cluster-wide.
    /// </summary>
    public string SlotsDir { get; init; } = "/var/lib/hpcmaint/openstack-slots";
}

/// <summary>How a Slurm node name leads to its Nova server.</summary>
public enum ServerLookup
{
    /// <summary>The server is named like the node.</summary>
    Name,

    /// <summary>[openstack] map_file lists "node server-id" pairs.</summary>
    Map,

    /// <summary>The server whose metadata [openstack] metadata_key holds the node name.</summary>
    Metadata,
}
