namespace HpcMaint.Core.Rebuild;

/// <summary>[rebuild]: the hidden partition, the health gate, where plans are kept, how often to look.</summary>
public sealed record RebuildSettings
{
    public static readonly IReadOnlyList<string> DefaultGate = ["/usr/sbin/hpcmaint", "verify"];

    /// <summary>[rebuild] image_source: a node's image from its Slurm features.</summary>
    public const string FeatureImages = "features";

    /// <summary>[rebuild] image_source: a node's image from its OpenStack server.</summary>
    public const string OpenStackImages = "openstack";

    public static readonly IReadOnlyList<string> ImageSources = [FeatureImages, OpenStackImages];

    /// <summary>The hidden root-only partition rebuild jobs go to (PriorityTier above the user partitions).</summary>
    public string Partition { get; init; } = "rebuild";

    /// <summary>The health gate: the rebuild job's payload; with --strategy drain, run here with the node name added.</summary>
    public IReadOnlyList<string> Gate { get; init; } = DefaultGate;

    public TimeSpan GateTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public string StateDir { get; init; } = "/var/lib/hpcmaint/rebuild";

    /// <summary>Time between planning passes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>"features" (active feature image:IMG) or "openstack" (the server's image).</summary>
    public string ImageSource { get; init; } = FeatureImages;

    /// <summary>Whether images come from the Slurm features, which a slurmctld restart resets to slurm.conf's.</summary>
    public bool ImagesFromFeatures => ImageSource == FeatureImages;

    /// <summary>A MAINT reservation starting this soon already counts its nodes as out of service.</summary>
    public TimeSpan ReservationLead { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The site's reimage command for the ladder's rebuild step when the nodes are not OpenStack
    /// servers ("{node}", "{image}" filled in); hpcmaint-reboot runs it. Null: none.
    /// </summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>`hpcmaint prolog-slurmctld` lets a rebuild job start after this long, booted or not.</summary>
    public TimeSpan PrologTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// [rebuild] preemptable_partitions: jobs in these partitions count as preemptable whatever Slurm's
    /// PreemptType (the only ones under preempt/qos and preempt/none; see <see cref="PreemptableJobs"/>).
    /// </summary>
    public IReadOnlyList<string> PreemptablePartitions { get; init; } = [];

    /// <summary>Prometheus textfile of plan progress, shared by every `hpcmaint rebuild` run; null: none.</summary>
    public string? MetricsFile { get; init; }

    public bool Equals(RebuildSettings? other) =>
        other is not null && Partition == other.Partition && Gate.SequenceEqual(other.Gate) && GateTimeout == other.GateTimeout
        && StateDir == other.StateDir && PollInterval == other.PollInterval && ImageSource == other.ImageSource
        && ReservationLead == other.ReservationLead && PrologTimeout == other.PrologTimeout && MetricsFile == other.MetricsFile
        && PreemptablePartitions.SequenceEqual(other.PreemptablePartitions)
        && (Command ?? []).SequenceEqual(other.Command ?? []) && (Command is null) == (other.Command is null);

    public override int GetHashCode() => HashCode.Combine(Partition, Gate.Count, StateDir, ImageSource, Command?.Count ?? -1);
}
