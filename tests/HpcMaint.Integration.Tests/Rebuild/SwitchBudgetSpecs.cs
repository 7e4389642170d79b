using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>`--max-down-per-switch` on 8 nodes in two leaf switches of 4 (topology/tree, read from `scontrol show topology`).</summary>
[Collection(SwitchCollection.Name)]
public sealed class SwitchBudgetSpecs(SwitchTestbed testbed, Xunit.Abstractions.ITestOutputHelper output)
{
    // `scontrol show topology` prints the same three lines on 22.05, 24.11 and 26.05 for this topology.conf.
    [HostReleaseFact]
    public async Task A_reboot_at_1_per_switch_never_has_2_nodes_of_one_switch_out_and_reboots_each_node_once()
    {
        await testbed.WaitQuietAsync();
        var cluster = testbed.Cluster;
        var before = Reboots();

        using var sampling = new CancellationTokenSource();
        var sampler = RebuildObservations.SampleUnavailableNodesAsync(cluster, sampling.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // 50 % of 8 would let 4 out at once, all of one switch: the switch budget is the one that binds.
        var reboot = await testbed.HpcmaintAsync(
            "reboot", "--partition", "batch", "--strategy", "reservation", "--max-down", "50", "--max-down-per-switch", "1");
        var took = clock.Elapsed;
        await sampling.CancelAsync();
        var samples = await sampler;

        Assert.True(reboot.IsSuccess, reboot.StandardOutput + reboot.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        var plan = testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot);
        Assert.All(plan.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        Assert.True(samples.Count > 10, $"only {samples.Count} samples");
        var perSwitch = SwitchTestbed.Switches.ToDictionary(s => s.Key, s => samples.Max(sample => sample.Count(s.Value.Contains)));
        var shown = string.Join(' ', samples.Select(s => s.Count == 0 ? "-" : string.Join(',', s)));
        Assert.All(perSwitch, s => Assert.True(s.Value <= 1, $"{s.Value} nodes of {s.Key} out at once at 1 per switch, sampled: {shown}"));
        var after = Reboots();
        Assert.All(cluster.NodeNames, n => Assert.Equal(1, after.GetValueOrDefault(n) - before.GetValueOrDefault(n)));
        Assert.Empty(await RebuildObservations.OwnReservationsAsync(cluster));
        var nodes = (await Slurm.TestbedSlurm.Client(cluster).GetNodesAsync()).Value;
        Assert.All(nodes, n => Assert.False(n.State.IsUnavailable, $"{n.Name} is {n.State} ({n.Reason})"));
        output.WriteLine(
            $"reboot of 8 nodes at --max-down 50 --max-down-per-switch 1: {took.TotalSeconds:0.0} s; most out at once: "
            + $"{string.Join(", ", perSwitch.Select(s => $"{s.Key} {s.Value}"))}, total {samples.Max(s => s.Count)}; samples {shown}");
    }

    private Dictionary<string, int> Reboots() => testbed.Cluster.NodeNames.ToDictionary(n => n, testbed.Cluster.RebootCount);
}
