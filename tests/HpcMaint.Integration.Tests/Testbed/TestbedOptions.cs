namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>How to start a testbed cluster; mirrors the flags of <c>tests/testbed/testbed.sh up</c>.</summary>
public sealed record TestbedOptions
{
    /// <summary>Value of <see cref="PrologSlurmctld"/> that leaves PrologSlurmctld out of slurm.conf.</summary>
    public const string NoPrologSlurmctld = "none";

    public int Nodes { get; init; } = 4;

    /// <summary>The Slurm release (testbed.sh up --slurm): the one the specs run on.</summary>
    public string Slurm { get; init; } = SlurmRelease.Current;

    /// <summary>Where the cluster lives (an empty directory). Null: a new temporary directory.</summary>
    public string? Directory { get; init; }

    /// <summary>SlurmctldPort; the nodes use the next ports. Null: a free range derived from the directory.</summary>
    public int? PortBase { get; init; }

    /// <summary>RebootProgram. Null: the testbed's reboot simulator (DIR/bin/reboot-node-sim).</summary>
    public string? RebootProgram { get; init; }

    /// <summary>HealthCheckProgram; health checks are off when null.</summary>
    public string? HealthProgram { get; init; }

    public int? HealthIntervalSeconds { get; init; }

    /// <summary>Null: DIR/bin/prolog-wait-boot, which starts --reboot jobs as soon as their nodes are back.</summary>
    public string? PrologSlurmctld { get; init; }

    /// <summary>ResumeTimeout, the limit on a reboot. Null: 30 s.</summary>
    public int? ResumeTimeoutSeconds { get; init; }

    /// <summary>Lines appended to slurm.conf as they are.</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];

    /// <summary>Lines of topology.conf ("SwitchName=s1 Nodes=n[1-4]"); any turns on TopologyPlugin=topology/tree. Empty: no topology.</summary>
    public IReadOnlyList<string> Topology { get; init; } = [];

    /// <summary>Variables added to the clean environment of every slurmd (and so of RebootProgram).</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment { get; init; } = new Dictionary<string, string>();

    internal IEnumerable<string> ToArguments()
    {
        yield return "--slurm";
        yield return Slurm;
        yield return "--nodes";
        yield return Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (flag, value) in new (string, object?)[]
        {
            ("--port-base", PortBase),
            ("--reboot-program", RebootProgram),
            ("--health-program", HealthProgram),
            ("--health-interval", HealthIntervalSeconds),
            ("--prolog-slurmctld", PrologSlurmctld),
            ("--resume-timeout", ResumeTimeoutSeconds),
        })
        {
            if (value is not null)
            {
                yield return flag;
                yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
            }
        }

        foreach (var line in ExtraConfigLines)
        {
            yield return "--extra";
            yield return line;
        }

        foreach (var line in Topology)
        {
            yield return "--topology";
            yield return line;
        }

        foreach (var (name, value) in NodeEnvironment)
        {
            yield return "--node-env";
            yield return $"{name}={value}";
        }
    }
}
