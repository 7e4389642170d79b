using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

public sealed class SinfoJsonParserSpecs
{
    private static Node Node(string fixture, string name) =>
        Assert.Single(SinfoJsonParser.ParseNodes(Fixture.Read(fixture + ".sinfo.json")), n => n.Name == name);

    [Fact]
    public void Idle_nodes_are_read_with_partitions_features_and_boot_time()
    {
        var nodes = SinfoJsonParser.ParseNodes(Fixture.Read("nodes-idle.sinfo.json"));

        Assert.Equal(new[] { "n1", "n2", "n3", "n4", "n5" }, nodes.Select(n => n.Name));
        Assert.All(nodes, n =>
        {
            Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.None), n.State);
            Assert.Equal(new[] { "batch", "rebuild" }, n.Partitions);
            Assert.Equal(new[] { "testbed" }, n.Features);
            Assert.NotNull(n.BootTime);
            Assert.Null(n.Reason);
            Assert.Null(n.ReasonTime);
            Assert.Null(n.NextStateAfterReboot);
        });
    }

    [Fact]
    public void A_drained_node_has_its_reason_who_set_it_and_when()
    {
        var n1 = Node("nodes-drained", "n1");

        Assert.True(n1.State.IsDrained);
        Assert.Equal("hpcmaint: gpu.ecc uncorrectable", n1.Reason);
        Assert.True(n1.ReasonIsOurs);
        Assert.Equal("root", n1.ReasonSetBy);
        Assert.NotNull(n1.ReasonTime);
    }

    [Fact]
    public void A_busy_node_with_drain_set_is_draining_not_drained()
    {
        var n2 = Node("nodes-draining", "n2");

        Assert.True(n2.State.IsDraining);
        Assert.False(n2.State.IsDrained);
        Assert.Equal("hpcmaint: rolling reboot", n2.Reason);
    }

    [Fact]
    public void Reboot_states_are_read_with_their_flags_and_next_state()
    {
        var requestedIdle = Node("nodes-drained", "n5");
        var issued = Node("nodes-draining", "n5");
        var asap = Node("nodes-reboot-requested", "n3");
        var rebootJob = Node("nodes-reboot-job", "n4");
        var issuedAsap = Node("nodes-reboot-issued", "n3");

        Assert.True(requestedIdle.State.Has(NodeFlags.RebootRequested));
        Assert.Equal(new NodeState(NodeBaseState.Down, NodeFlags.RebootIssued), issued.State);
        Assert.Equal(NodeFlags.Drain | NodeFlags.RebootRequested, asap.State.Flags);
        Assert.Equal("UNKNOWN+RESUME", asap.NextStateAfterReboot);
        Assert.Equal(new NodeState(NodeBaseState.Allocated, NodeFlags.NotResponding | NodeFlags.PoweringUp), rebootJob.State);
        Assert.True(rebootJob.State.IsUnavailable);
        Assert.True(issuedAsap.State.IsDown && issuedAsap.State.IsRebootPending);
        Assert.Equal("hpcmaint: kernel update : reboot issued", issuedAsap.Reason);
    }

    [Fact]
    public void A_node_in_a_maintenance_reservation_has_both_flags()
    {
        var n1 = Node("nodes-maint-reservation", "n1");

        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.Maintenance | NodeFlags.Reserved), n1.State);
        Assert.Null(n1.Reason);
    }

    [Fact]
    public void Comment_and_extra_are_read_verbatim()
    {
        var n4 = Node("nodes-comment-extra", "n4");

        Assert.Equal("""hpcmaint:{"c":"gpu.ecc","s":"reboot","n":1}""", n4.Comment);
        Assert.Equal("""{"hpcmaint":{"step":"rebuild"}}""", n4.Extra);
    }

    [Fact]
    public void A_reboot_that_timed_out_leaves_the_node_down_with_slurms_reason()
    {
        var n5 = Node("nodes-reboot-timed-out", "n5");

        Assert.Equal(new NodeState(NodeBaseState.Down, NodeFlags.None), n5.State);
        Assert.EndsWith("reboot timed out", n5.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_reported_by_slurm_are_not_taken_for_data()
    {
        var ex = Assert.Throws<SlurmParseException>(() =>
            SinfoJsonParser.ParseNodes("""{"errors":[{"description":"Unable to contact slurm controller","error_number":1}],"nodes":[]}"""));

        Assert.Contains("Unable to contact slurm controller", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_shape_of_slurm_24_with_state_lists_and_time_objects_is_read_too()
    {
        const string json = """
            {"nodes":[{"name":"n1","state":["IDLE","DRAIN","REBOOT_REQUESTED"],"reason":"hpcmaint: x",
             "boot_time":{"set":true,"infinite":false,"number":1795254447},"reason_changed_at":{"set":false,"infinite":false,"number":0},
             "partitions":["batch"],"features":["a","b"],"active_features":["a"],"comment":"","extra":"",
             "next_state_after_reboot":["INVALID"]}],"errors":[]}
            """;

        var n = Assert.Single(SinfoJsonParser.ParseNodes(json));

        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.Drain | NodeFlags.RebootRequested), n.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795254447), n.BootTime);
        Assert.Null(n.ReasonTime);
        Assert.Equal(new[] { "a", "b" }, n.Features);
        Assert.Null(n.NextStateAfterReboot);
    }
}
