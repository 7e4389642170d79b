using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Slurm;

public sealed class NodeStateSpecs
{
    [Theory]
    [InlineData("IDLE+DRAIN", true, false)]
    [InlineData("DOWN+DRAIN", true, false)]
    [InlineData("ALLOCATED+DRAIN", false, true)]
    [InlineData("MIXED+DRAIN", false, true)]
    [InlineData("IDLE+COMPLETING+DRAIN", false, true)]
    [InlineData("IDLE", false, false)]
    [InlineData("ALLOCATED", false, false)]
    public void Drained_and_draining_are_told_apart_from_state_and_flags(string text, bool drained, bool draining)
    {
        var state = NodeStateText.Parse(text);

        Assert.Equal(drained, state.IsDrained);
        Assert.Equal(draining, state.IsDraining);
    }

    [Theory]
    [InlineData("IDLE", false)]
    [InlineData("ALLOCATED", false)]
    [InlineData("MIXED", false)]
    [InlineData("IDLE+RESERVED", false)]
    [InlineData("IDLE+DRAIN", true)]
    [InlineData("DOWN", true)]
    [InlineData("ALLOCATED+NOT_RESPONDING+POWERING_UP", true)]
    [InlineData("ALLOCATED+REBOOT_REQUESTED", true)]
    [InlineData("DOWN+REBOOT_ISSUED", true)]
    [InlineData("IDLE+MAINTENANCE+RESERVED", true)]
    [InlineData("IDLE+FAIL", true)]
    public void Unavailable_counts_everything_that_is_out_of_service_for_a_budget(string text, bool unavailable) =>
        Assert.Equal(unavailable, NodeStateText.Parse(text).IsUnavailable);

    [Fact]
    public void An_unknown_flag_is_kept_not_dropped()
    {
        var state = NodeStateText.Parse("IDLE+SOMETHING_NEW");

        Assert.True(state.Has(NodeFlags.Other));
        Assert.Equal("IDLE+OTHER", state.ToString());
    }

    [Fact]
    public void Formatting_then_parsing_gives_back_the_same_state()
    {
        var known = Enum.GetValues<NodeFlags>().Where(f => f is not NodeFlags.None and not NodeFlags.Other).ToArray();
        var states =
            from b in Gen.Elements(Enum.GetValues<NodeBaseState>())
            from flags in Gen.SubListOf(known)
            select new NodeState(b, flags.Aggregate(NodeFlags.None, (a, f) => a | f));

        Prop.ForAll(states.ToArbitrary(), s => NodeStateText.Parse(s.ToString()) == s)
            .QuickCheckThrowOnFailure();
    }
}
