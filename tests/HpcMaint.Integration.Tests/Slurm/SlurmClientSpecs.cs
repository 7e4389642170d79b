using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Slurm;

/// <summary>The Slurm adapter against a real cluster: every read and write, read back through the adapter.</summary>
[Collection(TestbedCollection.Name)]
public sealed class SlurmClientSpecs(SharedTestbed shared)
{
    private TestbedCluster Cluster => shared.Cluster;

    [Fact]
    public async Task The_adapter_reads_every_node_idle_with_its_partitions_and_boot_time()
    {
        var slurm = TestbedSlurm.Client(Cluster);
        foreach (var name in Cluster.NodeNames)
        {
            await slurm.WaitIdleAsync(name);
        }

        var nodes = await slurm.GetNodesAsync();

        nodes.ShouldSucceed();
        Assert.Equal(Cluster.NodeNames, nodes.Value.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.All(nodes.Value, n =>
        {
            Assert.Equal(NodeBaseState.Idle, n.State.Base);
            Assert.Contains("batch", n.Partitions);
            Assert.Contains("rebuild", n.Partitions);
            Assert.NotNull(n.BootTime);
        });
    }

    [Fact]
    public async Task A_drain_is_read_back_with_its_reason_and_owner_then_resumed()
    {
        var slurm = TestbedSlurm.Client(Cluster);
        const string reason = "hpcmaint: fs.mount_rw: /scratch read-only vs read-write";

        (await slurm.DrainAsync(["n3"], reason)).ShouldSucceed();
        var drained = await slurm.NodeAsync("n3");
        (await slurm.ResumeAsync(["n3"])).ShouldSucceed();
        var resumed = await slurm.NodeAsync("n3");
        await slurm.WaitIdleAsync("n3");

        Assert.True(drained.State.IsDrained, drained.State.ToString());
        Assert.Equal(reason, drained.Reason);
        Assert.True(drained.ReasonIsOurs);
        Assert.Equal("root", drained.ReasonSetBy);
        Assert.NotNull(drained.ReasonTime);
        Assert.False(resumed.State.IsDrainSet, resumed.State.ToString());
        Assert.Equal(SlurmRelease.KeepsReasonsInService ? reason : null, resumed.Reason);
        Assert.Equal(HpcMaint.Core.Remediation.NodeOwner.None, HpcMaint.Core.Remediation.NodeOwnership.Of(resumed, null));
    }

    [Fact]
    public async Task A_foreign_drain_is_read_as_not_ours()
    {
        var slurm = TestbedSlurm.Client(Cluster);

        (await slurm.DrainAsync(["n4"], "NHC: check_fs_mount: /home not mounted")).ShouldSucceed();
        var node = await slurm.NodeAsync("n4");
        (await slurm.ResumeAsync(["n4"])).ShouldSucceed();
        await slurm.WaitIdleAsync("n4");

        Assert.False(node.ReasonIsOurs);
    }

    [Fact]
    public async Task A_node_set_down_is_read_as_down_with_its_reason()
    {
        var slurm = TestbedSlurm.Client(Cluster);

        Assert.Equal(0, (await Cluster.RunClientAsync("scontrol", "update", "nodename=n2", "state=down", "reason=hpcmaint: manual: test")).ExitCode);
        var down = await slurm.NodeAsync("n2");
        (await slurm.ResumeAsync(["n2"])).ShouldSucceed();
        await slurm.WaitIdleAsync("n2");

        Assert.True(down.State.IsDown, down.State.ToString());
        Assert.True(down.State.IsUnavailable);
        Assert.Equal("hpcmaint: manual: test", down.Reason);
    }

    [Fact]
    public async Task Comment_and_extra_are_written_and_read_back()
    {
        var slurm = TestbedSlurm.Client(Cluster);
        const string ticket = """hpcmaint:{"c":"gpu.ecc","s":"reboot","n":1}""";

        (await slurm.SetCommentAsync("n1", ticket)).ShouldSucceed();
        (await slurm.SetExtraAsync("n1", """{"hpcmaint":{"step":"rebuild"}}""")).ShouldSucceed();
        var node = await slurm.NodeAsync("n1");
        (await slurm.SetCommentAsync("n1", string.Empty)).ShouldSucceed();
        (await slurm.SetExtraAsync("n1", string.Empty)).ShouldSucceed();
        var cleared = await slurm.NodeAsync("n1");

        Assert.Equal(ticket, node.Comment);
        Assert.Equal("""{"hpcmaint":{"step":"rebuild"}}""", node.Extra);
        Assert.Null(cleared.Comment);
        Assert.Null(cleared.Extra);
    }

    [Fact]
    public async Task A_maintenance_reservation_is_created_updated_and_deleted()
    {
        var slurm = TestbedSlurm.Client(Cluster);

        (await slurm.CreateReservationAsync(new ReservationRequest("hpcmaint_test", ["n3"]))).ShouldSucceed();
        var created = Assert.Single((await slurm.GetReservationsAsync()).Value, r => r.Name == "hpcmaint_test");
        (await slurm.UpdateReservationAsync("hpcmaint_test", new Dictionary<string, string> { ["nodes"] = "n3,n4" })).ShouldSucceed();
        var updated = Assert.Single((await slurm.GetReservationsAsync()).Value, r => r.Name == "hpcmaint_test");
        (await slurm.DeleteReservationAsync("hpcmaint_test")).ShouldSucceed();
        var after = await slurm.GetReservationsAsync();

        Assert.True(created.IsMaintenance);
        Assert.Contains("IGNORE_JOBS", created.Flags);
        Assert.Equal(new[] { "n3" }, created.Nodes);
        Assert.Equal("ACTIVE", created.State);
        Assert.Equal(new[] { "n3", "n4" }, updated.Nodes);
        after.ShouldSucceed();
        Assert.DoesNotContain(after.Value, r => r.Name == "hpcmaint_test");
    }

    [Fact]
    public async Task The_hidden_rebuild_partition_is_read_with_its_settings()
    {
        var slurm = TestbedSlurm.Client(Cluster);

        var partitions = await slurm.GetPartitionsAsync();

        partitions.ShouldSucceed();
        var rebuild = Assert.Single(partitions.Value, p => p.Name == "rebuild");
        var batch = Assert.Single(partitions.Value, p => p.Name == "batch");
        Assert.True(rebuild.IsHidden);
        Assert.True(rebuild.IsRootOnly);
        Assert.Equal(65533, rebuild.PriorityTier);
        Assert.StartsWith("EXCLUSIVE", rebuild.OverSubscribe, StringComparison.Ordinal);
        Assert.Equal(Cluster.NodeNames, rebuild.Nodes);
        Assert.True(batch.IsDefault);
        Assert.False(batch.IsHidden);
    }

    [Fact]
    public async Task A_submitted_job_is_read_back_then_cancelled()
    {
        var slurm = TestbedSlurm.Client(Cluster);
        var job = new BatchJobRequest("#!/bin/sh\nsleep 60\n")
        {
            Name = "hpcmaint-test-job",
            Partition = "batch",
            NodeList = "n2",
            Comment = "image=rocky-9.4",
            NoRequeue = true,
            Output = "/dev/null",
        };

        var id = await slurm.SubmitAsync(job);
        id.ShouldSucceed();
        Assert.True(await TestbedSlurm.Eventually(async () => (await slurm.JobAsync(id.Value)).IsRunning));
        var running = await slurm.JobAsync(id.Value);
        (await slurm.CancelJobAsync(id.Value)).ShouldSucceed();
        Assert.True(await TestbedSlurm.Eventually(async () => !(await slurm.JobAsync(id.Value)).IsActive));
        await slurm.WaitIdleAsync("n2");

        Assert.Equal("hpcmaint-test-job", running.Name);
        Assert.Equal("batch", running.Partition);
        Assert.Equal(new[] { "n2" }, running.Nodes);
        Assert.Equal("image=rocky-9.4", running.Comment);
        Assert.False(running.Reboot);
        Assert.NotNull(running.StartTime);
    }

    [Fact]
    public async Task The_slurm_version_is_detected()
    {
        var version = await TestbedSlurm.Client(Cluster).GetVersionAsync();

        version.ShouldSucceed();
        Assert.True(version.Value >= new SlurmVersion(20, 11, 0), version.Value.ToString());
    }

    [Fact]
    public async Task A_reboot_through_the_adapter_runs_the_reboot_program_and_the_node_returns_with_a_newer_boot_time()
    {
        var slurm = TestbedSlurm.Client(Cluster);
        var before = await slurm.NodeAsync("n4");
        var reboots = Cluster.RebootCount("n4");

        (await slurm.RebootAsync(["n4"], new RebootRequest(Reason: "hpcmaint: test reboot"))).ShouldSucceed();
        var requested = await slurm.NodeAsync("n4");
        var back = await TestbedSlurm.Eventually(async () =>
        {
            var n = await slurm.NodeAsync("n4");
            return n.BootTime > before.BootTime && n.State.Base == NodeBaseState.Idle && !n.State.IsRebootPending
                   && !n.State.Has(NodeFlags.NotResponding);
        }, seconds: 45);

        Assert.True(requested.State.IsRebootPending || requested.State.IsDown, requested.State.ToString());
        Assert.True(back, (await slurm.NodeAsync("n4")).State.ToString());
        Assert.Equal(reboots + 1, Cluster.RebootCount("n4"));
    }

    [Fact]
    public async Task A_reboot_requested_on_a_busy_node_waits_and_can_be_cancelled()
    {
        var slurm = TestbedSlurm.Client(Cluster);
        var id = (await slurm.SubmitAsync(new BatchJobRequest("#!/bin/sh\nsleep 60\n") { NodeList = "n1", Output = "/dev/null" })).Value;
        Assert.True(await TestbedSlurm.Eventually(async () => (await slurm.JobAsync(id)).IsRunning));

        (await slurm.RebootAsync(["n1"], new RebootRequest())).ShouldSucceed();
        var pending = await slurm.NodeAsync("n1");
        Assert.Equal(0, (await Cluster.RunClientAsync("scontrol", "cancel_reboot", "n1")).ExitCode);
        var cancelled = await slurm.NodeAsync("n1");
        (await slurm.CancelJobAsync(id)).ShouldSucceed();
        await slurm.WaitIdleAsync("n1");

        Assert.True(pending.State.Has(NodeFlags.RebootRequested), pending.State.ToString());
        Assert.True(pending.State.IsBusy);
        Assert.False(cancelled.State.IsRebootPending, cancelled.State.ToString());
    }

    [Fact]
    public async Task A_command_on_an_unknown_node_is_an_error_naming_the_command()
    {
        var result = await TestbedSlurm.Client(Cluster).DrainAsync(["nosuchnode"], "hpcmaint: x");

        Assert.False(result.IsSuccess);
        Assert.Contains("scontrol update nodename=nosuchnode", result.Error, StringComparison.Ordinal);
    }
}
