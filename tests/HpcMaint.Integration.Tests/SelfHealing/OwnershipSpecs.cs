using System.Text.Json;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.SelfHealing;

/// <summary>
/// Ownership by state and reason on the real cluster of each release: a node that was resumed or
/// rebooted (24.11 keeps its reason then) is drained again when its checks fail; a reboot an admin asked
/// to end DOWN stays DOWN; status names an owner only while a drain or down is set; a node slurmctld does
/// not know gets a quick run that changes nothing.
/// </summary>
[Collection("ownership")]
public sealed class OwnershipSpecs
{
    [Fact]
    public async Task A_failing_check_drains_a_node_an_admin_resumed_and_a_node_that_was_rebooted_before()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        await bed.ScontrolAsync("update", "nodename=n1", "state=drain", "reason=disk swap, ticket 1234");
        await bed.ScontrolAsync("update", "nodename=n1", "state=resume");
        var rebootsBefore = bed.Cluster.RebootCount("n2");
        await bed.ScontrolAsync("reboot", "n2");
        await bed.WaitAsync(async () => bed.Cluster.RebootCount("n2") > rebootsBefore && await bed.NodeAsync("n2") is { State.IsUnavailable: false }, 40, "n2 did not come back from its reboot");
        await bed.Slurm.WaitIdleAsync("n1");
        var history = (await bed.NodeAsync("n1")).Reason;

        bed.KillDaemon("n1");
        bed.KillDaemon("n2");

        foreach (var node in new[] { "n1", "n2" })
        {
            await bed.WaitAsync(
                async () => await bed.NodeAsync(node) is { State.IsDrainSet: true } n && n.Reason!.StartsWith("hpcmaint: ps.running: ", StringComparison.Ordinal),
                60,
                $"{node} was not drained by hpcmaint (its reason before: \"{history}\")");
        }

        Assert.Equal(SlurmRelease.KeepsReasonsInService ? "disk swap, ticket 1234" : null, history);
    }

    [Fact]
    public async Task An_admins_reboot_to_down_of_a_node_hpcmaint_drained_before_stays_down()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        // hpcmaint's old reason is still on the node on 24.11 when the admin asks for the reboot.
        await bed.ScontrolAsync("update", "nodename=n3", "state=drain", "reason=hpcmaint: fs.mount: /scratch not mounted vs mounted");
        await bed.ScontrolAsync("update", "nodename=n3", "state=resume");
        await bed.Slurm.WaitIdleAsync("n3");
        var rebootsBefore = bed.Cluster.RebootCount("n3");

        Assert.Equal("", await bed.ScontrolAsync("reboot", "nextstate=DOWN", "n3"));

        await bed.WaitAsync(async () => bed.Cluster.RebootCount("n3") > rebootsBefore && await bed.NodeAsync("n3") is { State.IsRebootPending: false, State.IsDown: true }, 60,
            "n3 did not end its reboot DOWN");
        var ended = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        await bed.WaitAsync(() => Task.FromResult(bed.MetricValue("n3", "hpcmaint_health_last_run_timestamp_seconds") > ended + 4), 40,
            "hpcmaint-health was not seen running on n3 after its reboot");
        var n3 = await bed.NodeAsync("n3");
        Assert.True(n3.State.IsDown, n3.State.ToString());
        Assert.Equal(NodeOwner.Other, NodeOwnership.Of(n3, null));
        Assert.DoesNotContain("\"node\":\"n3\",\"action\":\"resume\"", bed.JournalText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_names_an_owner_only_while_a_drain_or_down_is_set()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3), TimeProvider.System);
        await using var cluster = await TestbedCluster.StartAsync(new TestbedOptions(), deadline.Token);
        var config = Path.Combine(cluster.Directory, "hpcmaint.toml");
        File.WriteAllText(config, $"[slurm]\n{SlurmRelease.ConfigLines(cluster.Directory)}\n");
        var slurm = TestbedSlurm.Client(cluster);
        (await slurm.DrainAsync(["n1"], "hpcmaint: fs.mount: /scratch not mounted vs mounted")).ShouldSucceed();
        (await slurm.DrainAsync(["n2"], "NHC: check_fs_mount: /home not mounted")).ShouldSucceed();
        (await slurm.DrainAsync(["n3"], "hpcmaint: gpu.nvidia.ecc: 3 vs 0")).ShouldSucceed();
        (await slurm.ResumeAsync(["n3"])).ShouldSucceed();
        await slurm.WaitIdleAsync("n3");
        var rebootsBefore = cluster.RebootCount("n4");
        (await slurm.RebootAsync(["n4"], new HpcMaint.Adapters.Slurm.RebootRequest(NextState: HpcMaint.Adapters.Slurm.RebootNextState.Down))).ShouldSucceed();
        Assert.True(await TestbedSlurm.Eventually(async () => cluster.RebootCount("n4") > rebootsBefore && await slurm.NodeAsync("n4") is { State.IsRebootPending: false, State.IsDown: true }, 60),
            "n4 did not end its reboot DOWN");

        var status = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments(["status", "--json", "--config", config]).WithTimeout(TimeSpan.FromSeconds(30)));

        Assert.Equal(0, status.ExitCode);
        var rows = JsonDocument.Parse(status.StandardOutput).RootElement.EnumerateArray()
            .ToDictionary(n => n.GetProperty("name").GetString()!, n => (Owner: n.GetProperty("reason_owner").GetString(), Reason: n.GetProperty("reason").GetString()));
        Assert.Equal("hpcmaint", rows["n1"].Owner);
        Assert.Equal("other", rows["n2"].Owner);
        Assert.Equal(("-", SlurmRelease.KeepsReasonsInService ? "hpcmaint: gpu.nvidia.ecc: 3 vs 0" : null), rows["n3"]);
        Assert.Equal("other", rows["n4"].Owner);
    }

    [Fact]
    public async Task Run_for_a_node_slurmctld_does_not_know_it_ends_at_once_and_changes_nothing()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        bed.ReplayGpus("n9", "rtx-a5000-x2_590.44.01_ECC-EDITED.xml");
        var started = TimeProvider.System.GetTimestamp();

        var run = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Health).WithArguments(["--config", bed.Config])
                .WithCleanEnvironment().WithEnvironment(new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "n9" })
                .WithTimeout(TimeSpan.FromSeconds(30)));

        Assert.Equal((CommandOutcome.Exited, 0), (run.Outcome, run.ExitCode));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(12), "the run took longer than its 10 s budget");
        Assert.Contains("\"node\":\"n9\",\"action\":\"note\"", bed.JournalText(), StringComparison.Ordinal);
        Assert.Contains("slurmctld gave no state for n9", bed.JournalText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"node\":\"n9\",\"action\":\"drain\"", bed.JournalText(), StringComparison.Ordinal);
        Assert.Contains("n9 not found", (await bed.Cluster.RunClientAsync("scontrol", "show", "node", "n9")).StandardOutput, StringComparison.Ordinal);
    }
}
