using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>`scontrol show node NAME` (multi-line) of every release, the one read hpcmaint-health and the hold commands make.</summary>
public sealed class ScontrolNodeParserSpecs
{
    private static Node Parse(string release, string fixture) =>
        ScontrolNodeParser.Parse(Fixture.Read(release, fixture + ".scontrol-show-node.txt"));

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void An_idle_node_has_its_partitions_features_and_boot_times_and_nothing_set(string release)
    {
        var n1 = Parse(release, "node-detail-idle");

        Assert.Equal("n1", n1.Name);
        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.None), n1.State);
        Assert.Equal(new[] { "batch", "rebuild" }, n1.Partitions);
        Assert.Equal(new[] { "testbed" }, n1.Features);
        Assert.Equal(new[] { "testbed" }, n1.ActiveFeatures);
        Assert.NotNull(n1.BootTime);
        Assert.True(n1.SlurmdStartTime >= n1.BootTime);
        Assert.Null(n1.Reason);
        Assert.Null(n1.Comment);
        Assert.Null(n1.Extra);
        Assert.Null(n1.NextStateAfterReboot);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Reason_comment_and_extra_keep_their_spaces_and_the_reason_is_split_from_who_set_it_and_when(string release)
    {
        var n3 = Parse(release, "node-detail-drained-comment-extra");

        Assert.True(n3.State.IsDrained);
        Assert.Equal("hpcmaint: x: a vs b", n3.Reason);
        Assert.Equal("root", n3.ReasonSetBy);
        Assert.NotNull(n3.ReasonTime);
        Assert.Equal("""hpcmaint:{"hold":{"r":"bios work x","by":"root","at":1}}""", n3.Comment);
        Assert.Equal("x y", n3.Extra);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_requested_reboot_is_a_pending_reboot(string release)
    {
        var n4 = Parse(release, "node-detail-reboot-requested");

        Assert.True(n4.State.IsRebootPending);
        Assert.Equal("hpcmaint test", n4.Reason);
        Assert.Null(n4.NextStateAfterReboot);
    }

    [Fact]
    public void A_reason_without_a_setter_suffix_is_kept_whole()
    {
        var node = ScontrolNodeParser.Parse("NodeName=n1 State=IDLE+DRAIN\n   Reason=disk [replaced]\n");

        Assert.Equal("disk [replaced]", node.Reason);
        Assert.Null(node.ReasonSetBy);
        Assert.Null(node.ReasonTime);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Output_without_a_node_name_is_a_parse_error(string release)
    {
        Assert.Throws<SlurmParseException>(() => ScontrolNodeParser.Parse(Fixture.Read(release, "error-show-unknown-node.stdout")));
    }
}
