using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class RebootHistorySpecs
{
    private static RebuildPlan Earlier(RebuildStrategy strategy, params (string Node, int Seconds)[] reboots) =>
        Plan(reboots.Select(r => r.Node), 25, strategy) with
        {
            Nodes = reboots.Select(r => new PlannedNode(r.Node, RebuildStep.Done, Now.AddHours(-1).AddSeconds(r.Seconds)) { RebootAsked = Now.AddHours(-1) }).ToArray(),
        };

    [Fact]
    public void A_node_takes_the_median_of_its_own_earlier_reboots()
    {
        var history = new[] { Earlier(RebuildStrategy.Reservation, ("n1", 40)), Earlier(RebuildStrategy.Drain, ("n1", 60)), Earlier(RebuildStrategy.Reservation, ("n1", 50), ("n2", 300)) };

        var estimate = RebootHistory.Estimates(history, ["n1"], TimeSpan.FromMinutes(10), "--reboot-timeout 600 s")["n1"];

        Assert.Equal(TimeSpan.FromSeconds(50), estimate.Duration);
        Assert.Equal("median of 3 earlier reboot(s) of n1", estimate.Source);
    }

    [Fact]
    public void A_node_never_seen_takes_the_median_of_the_others_and_with_none_seen_the_fallback_as_stated()
    {
        var history = new[] { Earlier(RebuildStrategy.Reservation, ("n1", 20), ("n2", 30)) };

        var seen = RebootHistory.Estimates(history, ["n3"], TimeSpan.FromMinutes(10), "--reboot-timeout 600 s")["n3"];
        var none = RebootHistory.Estimates([], ["n3"], TimeSpan.FromMinutes(10), "--reboot-timeout 600 s")["n3"];

        Assert.Equal(TimeSpan.FromSeconds(25), seen.Duration);
        Assert.StartsWith("no earlier reboot of n3: median of 2", seen.Source);
        Assert.Equal(new RebootEstimate(TimeSpan.FromMinutes(10), "no earlier reboot seen: --reboot-timeout 600 s"), none);
    }

    [Fact]
    public void Job_strategy_plans_do_not_count_their_submission_waited_for_the_nodes_jobs()
    {
        var history = new[] { Earlier(RebuildStrategy.Job, ("n1", 900)) };

        Assert.StartsWith("no earlier reboot seen", RebootHistory.Estimates(history, ["n1"], TimeSpan.FromSeconds(60), "x")["n1"].Source);
    }
}
