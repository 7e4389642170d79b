using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>The decisions behind <c>hpcmaint hold/release</c> (HoldChange) and <c>hpcmaint breaker</c> (BreakerEntry).</summary>
public sealed class HoldAndBreakerEntrySpecs
{
    [Fact]
    public void A_hold_replaces_an_earlier_one_with_the_trimmed_reason_who_and_when()
    {
        var earlier = NodeRecord.Empty with { Hold = new Hold("old", "bob", Scenario.T0.AddDays(-1)) };

        var held = HoldChange.Of(earlier, "  BIOS update, ticket 4711 ", "alice", Scenario.T0);

        Assert.Equal(new Hold("BIOS update, ticket 4711", "alice", Scenario.T0), held!.Hold);
    }

    [Fact]
    public void A_release_clears_the_hold_and_keeps_the_rest_of_the_record()
    {
        var record = NodeRecord.Empty with { Hold = new Hold("x", "alice", Scenario.T0), PastTickets = [Scenario.T0] };

        var released = HoldChange.Of(record, null, "alice", Scenario.T0);

        Assert.Null(released!.Hold);
        Assert.Equal(record.PastTickets, released.PastTickets);
    }

    [Fact]
    public void A_release_of_a_node_not_held_writes_nothing()
    {
        Assert.Null(HoldChange.Of(NodeRecord.Empty, null, "alice", Scenario.T0));
    }

    [Fact]
    public void A_node_that_neither_found_the_breaker_open_nor_counts_is_not_shown()
    {
        Assert.Null(BreakerEntry.Of(new Scenario().Node, NodeRecord.Empty));
        Assert.Null(BreakerEntry.Of(new Scenario { State = Scenario.Drained, Reason = "hpcmaint: fs.mount: x vs y" }.Node, NodeRecord.Empty with { Acknowledged = true }));
        Assert.Null(BreakerEntry.Of(new Scenario { State = Scenario.Drained, Reason = "firmware work" }.Node, NodeRecord.Empty));
    }

    [Fact]
    public void A_reset_acknowledges_a_drain_that_counts_and_clears_the_mark()
    {
        var node = new Scenario { State = Scenario.Drained, Reason = "hpcmaint: fs.mount: x vs y" }.Node;

        var entry = BreakerEntry.Of(node, NodeRecord.Empty with { BreakerOpened = Scenario.T0 })!;

        Assert.True(entry.Counts);
        Assert.Null(entry.AfterReset.BreakerOpened);
        Assert.True(entry.AfterReset.Acknowledged);
    }

    [Fact]
    public void A_reset_of_a_node_that_only_found_the_breaker_open_acknowledges_nothing()
    {
        var entry = BreakerEntry.Of(new Scenario().Node, NodeRecord.Empty with { BreakerOpened = Scenario.T0 })!;

        Assert.False(entry.Counts);
        Assert.False(entry.AfterReset.Acknowledged);
        Assert.Null(entry.AfterReset.BreakerOpened);
    }

    [Fact]
    public void The_scope_is_every_node_or_those_in_the_partition()
    {
        Node[] nodes = [new Scenario().Node, new Scenario { NodeName = "n2" }.Node with { Partitions = ["gpu"] }];

        Assert.Equal(2, BreakerEntry.InScope(nodes, null).Count);
        Assert.Equal(["n2"], BreakerEntry.InScope(nodes, "gpu").Select(n => n.Name));
        Assert.Empty(BreakerEntry.InScope(nodes, "none"));
    }
}
