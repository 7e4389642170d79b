using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>`resume --exclude NODES`: nodes leave the plan for good, all or nothing, never one in flight.</summary>
public sealed class PlanExclusionSpecs
{
    private static RebuildPlan FourNodes() => Plan(["n1", "n2", "n3", "n4"]);

    [Fact]
    public void Excluded_nodes_are_marked_so_with_a_change_each_and_the_others_are_left_as_they_were()
    {
        var plan = FourNodes().WithStep("n4", RebuildStep.Done);

        var (excluded, changes) = PlanExclusion.Apply(plan, "n[2-4]", Now.AddMinutes(1)).Value;

        Assert.Equal(
            [RebuildStep.Waiting, RebuildStep.Excluded, RebuildStep.Excluded, RebuildStep.Done],
            excluded.Nodes.Select(n => n.Step));
        Assert.Equal(["n2", "n3"], changes.Select(c => c.Node));
        Assert.All(changes, c => Assert.Equal(Now.AddMinutes(1), c.After.Since));
    }

    [Fact]
    public void An_excluded_node_is_never_admitted_again_and_a_plan_of_only_excluded_nodes_is_finished()
    {
        var (plan, _) = PlanExclusion.Apply(Plan(["n1", "n2"], maxDown: 100), "n1", Now).Value;

        var turn = RebuildStepper.Next(plan, View(Nodes(2)), Settings);

        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
        var (alone, _) = PlanExclusion.Apply(Plan(["n1"]), "n1", Now).Value;
        Assert.Equal(PlanStatus.Finished, RebuildStepper.Next(alone, View(Nodes(2)), Settings).Plan.Status);
    }

    [Fact]
    public void A_node_in_flight_refuses_the_whole_exclusion_saying_what_to_do_instead()
    {
        var plan = FourNodes().WithStep("n3", RebuildStep.Submitted, job: 42);

        var refused = PlanExclusion.Apply(plan, "n[2-3]", Now);

        Assert.Equal(ProblemKind.Failed, refused.Problem!.Kind);
        Assert.Equal(
            "--exclude: n3 is submitted since 2026-11-21 09:30:00Z (job 42): hpcmaint is taking it through now and cannot stop half-way. "
            + "Resume without n3 in --exclude and let it finish, or `hpcmaint rebuild cancel rb-test` (pending jobs and the plan's reservations are cancelled). Nothing was done.",
            refused.Problem.Words);
    }

    [Theory]
    [InlineData("n9", "--exclude: n9 is not in plan rb-test (n[1-4]). Nothing was done.")]
    [InlineData("n[3-1]", "--exclude n[3-1]: invalid hostlist at offset")]
    public void A_node_not_in_the_plan_or_a_malformed_hostlist_is_refused_as_wrong_input(string hostlist, string message)
    {
        var refused = PlanExclusion.Apply(FourNodes(), hostlist, Now);

        Assert.Equal(ProblemKind.Invalid, refused.Problem!.Kind);
        Assert.StartsWith(message, refused.Problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_node_stays_failed_and_counted_while_with_retry_failed_it_can_be_kept_from_the_retry()
    {
        var plan = FourNodes().WithStep("n2", RebuildStep.Failed);

        var (kept, none) = PlanExclusion.Apply(plan, "n2", Now).Value;
        var (retried, one) = PlanExclusion.Apply(plan.RetryingFailed(Now), "n2", Now).Value;

        Assert.Equal((RebuildStep.Failed, 0), (kept.Find("n2")!.Step, none.Count));
        Assert.Equal((RebuildStep.Excluded, 1), (retried.Find("n2")!.Step, one.Count));
    }
}
