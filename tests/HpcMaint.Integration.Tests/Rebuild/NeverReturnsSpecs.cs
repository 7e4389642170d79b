using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint reboot --strategy reservation` with a node that never comes back from its reboot, on a
/// testbed of its own, so that what the node it leaves down and boots again does to the testbed cannot
/// reach other specs (booting n3 again once stopped the testbed's processes by n3's old UTS namespace,
/// by then n4's new slurmd: fixed in testbed.sh, which now stops nothing by a dead node's namespace).
/// </summary>
[Collection(RebuildNeverReturnsCollection.Name)]
public sealed class NeverReturnsSpecs(RebuildTestbed testbed)
{
    private TestbedCluster Cluster => testbed.Cluster;

    [Fact]
    public async Task A_node_that_never_returns_is_rebooted_again_then_fails_drained_with_a_ticket_and_the_plan_goes_on()
    {
        await testbed.SetImageAsync("old");
        Cluster.SetRebootMode("n3", RebootMode.Never);
        try
        {
            var reboot = await testbed.HpcmaintAsync(
                "reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation", "--reboot-timeout", "6", "--max-attempts", "2", "--max-failures", "1");

            Assert.Equal(1, reboot.ExitCode);
            var plan = testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot);
            Assert.Equal(PlanStatus.Finished, plan.Status);
            Assert.Equal([RebuildStep.Done, RebuildStep.Done, RebuildStep.Failed, RebuildStep.Done], plan.Nodes.Select(n => n.Step));
            Assert.StartsWith("did not come back: attempt 2 of 2", plan.Find("n3")!.Detail, StringComparison.Ordinal);
            var n3 = await Cluster.ShowNodeAsync("n3");
            Assert.Contains("DRAIN", n3, StringComparison.Ordinal);
            Assert.Contains("Reason=hpcmaint: manual: rebuild.gate: did not come back", n3, StringComparison.Ordinal);
            Assert.Contains("\"s\":\"manual\"", n3, StringComparison.Ordinal);
            var journal = testbed.JournalOf(plan.Id);
            Assert.Contains(journal, r => r.Node == "n3" && r.Action == "rebuild.reboot" && r.Reason!.Contains("attempt 1 of 2: not back within 6 s", StringComparison.Ordinal));
            Assert.Contains(journal, r => r.Node == "n3" && r.Action == "rebuild.drain" && r.Outcome == AuditOutcome.Succeeded);
            Assert.Empty(await RebuildObservations.OwnReservationsAsync(Cluster));
        }
        finally
        {
            Cluster.SetRebootMode("n3", RebootMode.Reboot);
            await BootAgainAsync("n3");
            await testbed.RestoreAsync("n3");
        }
    }

    /// <summary>
    /// Boots a node the spec left down, and waits until its new slurmd has registered with slurmctld: a node
    /// resumed before that registers later with a new boot time, and slurmctld sets it DOWN "Node
    /// unexpectedly rebooted" under the specs after this one.
    /// </summary>
    private async Task BootAgainAsync(string node)
    {
        var booted = await RebuildObservations.BootTimeAsync(Cluster, node);
        var simulator = Path.Combine(Cluster.Directory, "bin", "reboot-node-sim");
        await new ProcessRunner(TimeProvider.System).RunAsync(Command.For(simulator).WithArguments([node]).WithTimeout(TimeSpan.FromSeconds(30)), CancellationToken.None);
        Assert.True(
            await TestbedSlurm.Eventually(
                async () =>
                {
                    var record = await Cluster.ShowNodeAsync(node);
                    return await RebuildObservations.BootTimeAsync(Cluster, node) > booted
                        && !record.Contains("NOT_RESPONDING", StringComparison.Ordinal)
                        && !record.Contains("unexpectedly rebooted", StringComparison.Ordinal);
                },
                seconds: 60),
            $"{node} did not register again after a boot (booted {booted:u} before): " + await Cluster.ShowNodeAsync(node));
    }
}
