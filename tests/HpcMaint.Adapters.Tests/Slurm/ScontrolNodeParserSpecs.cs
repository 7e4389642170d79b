using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>`scontrol show node NAME` (multi-line), the one read hpcmaint-health and the hold commands make.</summary>
public sealed class ScontrolNodeParserSpecs
{
    private static Node Parse(string fixture) =>
        ScontrolNodeParser.Parse(Fixture.Read(fixture + ".scontrol-show-node.txt"));

    [Fact]
    public void An_idle_node_has_its_partitions_features_and_boot_times_and_nothing_set()
    {
        var n1 = Parse("node-detail-idle");

        Assert.Equal("n1", n1.Name);
        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.None), n1.State);
        Assert.Equal(new[] { "batch", "rebuild" }, n1.Partitions);
        Assert.Equal(new[] { "testbed" }, n1.Features);
        Assert.Equal(new[] { "testbed" }, n1.ActiveFeatures);
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 21, 9, 29, 26, DateTimeKind.Local)), n1.BootTime);
        Assert.NotNull(n1.SlurmdStartTime);
        Assert.Null(n1.Reason);
        Assert.Null(n1.Comment);
        Assert.Null(n1.Extra);
    }

    [Fact]
    public void Reason_comment_and_extra_keep_their_spaces_and_the_reason_is_split_from_who_set_it_and_when()
    {
        var n2 = Parse("node-detail-drained-comment-extra");

        Assert.True(n2.State.IsDrained);
        Assert.Equal("hpcmaint: x: a vs b", n2.Reason);
        Assert.Equal("root", n2.ReasonSetBy);
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 21, 10, 55, 3, DateTimeKind.Local)), n2.ReasonTime);
        Assert.Equal("""hpcmaint:{"hold":{"r":"bios work x","by":"root","at":1}}""", n2.Comment);
        Assert.Equal("x y", n2.Extra);
    }

    [Fact]
    public void A_requested_reboot_is_a_pending_reboot()
    {
        var n3 = Parse("node-detail-reboot-requested");

        Assert.True(n3.State.IsRebootPending);
        Assert.Equal("hpcmaint test", n3.Reason);
    }

    [Fact]
    public void A_reason_without_a_setter_suffix_is_kept_whole()
    {
        var node = ScontrolNodeParser.Parse("NodeName=n1 State=IDLE+DRAIN\n   Reason=disk [replaced]\n");

        Assert.Equal("disk [replaced]", node.Reason);
        Assert.Null(node.ReasonSetBy);
        Assert.Null(node.ReasonTime);
    }

    [Fact]
    public void Output_without_a_node_name_is_a_parse_error()
    {
        Assert.Throws<SlurmParseException>(() => ScontrolNodeParser.Parse(Fixture.Read("error-show-unknown-node.stdout")));
    }
}
