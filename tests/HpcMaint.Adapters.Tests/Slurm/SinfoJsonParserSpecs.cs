using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>
/// The node views of every release as hpcmaint reads them: 22.05's sinfo --json (state string +
/// state_flags), and from 23.02 scontrol show node --json (state lists, {set, infinite, number} times).
/// </summary>
public sealed class SinfoJsonParserSpecs
{
    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Idle_nodes_are_read_with_partitions_features_and_boot_time(string release)
    {
        var nodes = Fixture.Nodes(release, "nodes-idle");

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

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_drained_node_has_its_reason_who_set_it_and_when(string release)
    {
        var n1 = Fixture.Node(release, "nodes-drained", "n1");

        Assert.True(n1.State.IsDrained);
        Assert.Equal("hpcmaint: gpu.ecc uncorrectable", n1.Reason);
        Assert.Equal(NodeOwner.Hpcmaint, NodeOwnership.Of(n1, null));
        Assert.Equal("root", n1.ReasonSetBy);
        Assert.NotNull(n1.ReasonTime);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_busy_node_with_drain_set_is_draining_not_drained(string release)
    {
        var n2 = Fixture.Node(release, "nodes-draining", "n2");

        Assert.True(n2.State.IsDraining);
        Assert.False(n2.State.IsDrained);
        Assert.Equal("hpcmaint: rolling reboot", n2.Reason);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Reboot_states_are_read_with_their_flags_and_next_state(string release)
    {
        var requestedIdle = Fixture.Node(release, "nodes-drained", "n5");
        var issued = Fixture.Node(release, "nodes-draining", "n5");
        var asap = Fixture.Node(release, "nodes-reboot-requested", "n3");
        var rebootJob = Fixture.Node(release, "nodes-reboot-job", "n4");
        var issuedAsap = Fixture.Node(release, "nodes-reboot-issued", "n3");

        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.RebootRequested), requestedIdle.State);
        Assert.Equal(new NodeState(NodeBaseState.Down, NodeFlags.RebootIssued), issued.State);
        Assert.Equal(new NodeState(NodeBaseState.Mixed, NodeFlags.Drain | NodeFlags.RebootRequested), asap.State);
        Assert.Contains("RESUME", asap.NextStateAfterReboot, StringComparison.Ordinal);
        Assert.True(rebootJob.State.Has(NodeFlags.NotResponding | NodeFlags.PoweringUp));
        Assert.Equal(NodeBaseState.Allocated, rebootJob.State.Base);
        Assert.True(rebootJob.State.IsUnavailable);
        Assert.Equal(new NodeState(NodeBaseState.Down, NodeFlags.Drain | NodeFlags.RebootIssued), issuedAsap.State);
        Assert.Equal("hpcmaint: kernel update : reboot issued", issuedAsap.Reason);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void The_node_of_a_rebuild_job_shows_reboot_issued_from_26_05_only(string release)
    {
        var rebootJob = Fixture.Node(release, "nodes-reboot-job", "n4");

        Assert.Equal(Fixture.Version(release).Major >= 26, rebootJob.State.Has(NodeFlags.RebootIssued));
        Assert.Null(rebootJob.NextStateAfterReboot);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_resumed_or_rebooted_node_is_in_service_and_nobodys_though_24_11_keeps_its_reason(string release)
    {
        var resumed = Fixture.Node(release, "nodes-resumed", "n1");
        var rebooted = Fixture.Node(release, "nodes-resumed", "n3");
        var keeps = Fixture.Version(release) is { Major: 24 };

        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.None), resumed.State);
        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.None), rebooted.State);
        Assert.Equal(keeps ? "hpcmaint: gpu.ecc uncorrectable" : null, resumed.Reason);
        Assert.Equal(keeps ? "hpcmaint: kernel update : reboot issued" : null, rebooted.Reason);
        Assert.Equal(NodeOwner.None, NodeOwnership.Of(resumed, null));
        Assert.Equal(NodeOwner.None, NodeOwnership.Of(rebooted, null));
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_node_in_a_maintenance_reservation_has_both_flags(string release)
    {
        var n1 = Fixture.Node(release, "nodes-maint-reservation", "n1");

        Assert.Equal(new NodeState(NodeBaseState.Idle, NodeFlags.Maintenance | NodeFlags.Reserved), n1.State);
        Assert.Equal(NodeOwner.None, NodeOwnership.Of(n1, null));
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Comment_and_extra_are_read_verbatim(string release)
    {
        var n4 = Fixture.Node(release, "nodes-comment-extra", "n4");

        Assert.Equal("""hpcmaint:{"c":"gpu.ecc","s":"reboot","n":1}""", n4.Comment);
        Assert.Equal("""{"hpcmaint":{"step":"rebuild"}}""", n4.Extra);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_reboot_that_timed_out_leaves_the_node_down_with_slurms_reason(string release)
    {
        var n5 = Fixture.Node(release, "nodes-reboot-timed-out", "n5");

        Assert.True(n5.State.IsDown);
        Assert.False(n5.State.IsRebootPending);
        Assert.Equal("hpcmaint: firmware : reboot issued : reboot timed out", n5.Reason);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void An_admins_reboot_to_down_is_someone_elses_while_it_runs_and_after(string release)
    {
        var rebooting = Fixture.Node(release, "nodes-reboot-to-down", "n3");
        var down = Fixture.Node(release, "nodes-rebooted-to-down", "n3");

        Assert.Equal(new NodeState(NodeBaseState.Down, NodeFlags.RebootIssued), rebooting.State);
        Assert.Equal("DOWN", rebooting.NextStateAfterReboot);
        Assert.True(NodeOwnership.RebootAskedByOthers(rebooting, null));
        Assert.Equal(NodeOwner.Other, NodeOwnership.Of(rebooting, null));
        Assert.Equal(new NodeState(NodeBaseState.Down, NodeFlags.None), down.State);
        Assert.EndsWith(" : reboot issued : reboot complete", down.Reason, StringComparison.Ordinal);
        Assert.Equal(NodeOwner.Other, NodeOwnership.Of(down, null));
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
