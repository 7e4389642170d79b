using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// The rebuild testbed with PreemptType=preempt/partition_prio: "low" (PriorityTier 1, PreemptMode
/// REQUEUE) under "high" (PriorityTier 10, PreemptMode OFF) on every node, so a job in low is preemptable.
/// </summary>
public sealed class PreemptTestbed() : RebuildTestbed(options => options with { ExtraConfigLines = [.. Lines] })
{
    private static readonly string[] Lines =
    [
        "PreemptType=preempt/partition_prio",
        "PreemptMode=REQUEUE",
        "PartitionName=low Nodes=ALL PriorityTier=1 PreemptMode=REQUEUE MaxTime=INFINITE State=UP",
        "PartitionName=high Nodes=ALL PriorityTier=10 PreemptMode=OFF MaxTime=INFINITE State=UP",
    ];
}

/// <summary>The preemption specs share one <see cref="PreemptTestbed"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PreemptCollection : ICollectionFixture<PreemptTestbed>
{
    public const string Name = "preempt testbed";
}
