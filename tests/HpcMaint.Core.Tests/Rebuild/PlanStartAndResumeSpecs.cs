using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>Whether a plan may start on its nodes, and whether a stored one may be resumed.</summary>
public sealed class PlanStartAndResumeSpecs
{
    [Fact]
    public void A_node_still_unfinished_in_another_open_plan_is_refused_with_that_plan_named()
    {
        var open = Plan(["n1", "n2", "n3"]).WithStep("n1", RebuildStep.Done).WithStep("n2", RebuildStep.Submitted, job: 7);
        var closed = Plan(["n3"]) with { Id = "rb-old", Status = PlanStatus.Finished };

        var problems = RebuildStartRules.Overlaps([open, closed], ["n1", "n2", "n3", "n4"]).ToArray();

        var problem = Assert.Single(problems);
        Assert.StartsWith("plan rb-test (image new) is still running for n[2-3]: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rebuild_partition_must_exist()
    {
        Assert.Single(RebuildStartRules.PartitionProblems([], Settings));
    }

    [Fact]
    public void A_plan_that_would_halt_at_once_is_not_resumed_and_the_words_say_how_to_go_on()
    {
        var halted = Plan(["n1", "n2", "n3"]).WithStep("n1", RebuildStep.Failed).WithStep("n2", RebuildStep.Failed) with { MaxFailures = 1, Status = PlanStatus.Halted };

        var again = PlanResumption.Decide(halted, maxFailures: null, retryFailed: false, Now);
        var tolerated = PlanResumption.Decide(halted, maxFailures: 2, retryFailed: false, Now);
        var retried = PlanResumption.Decide(halted, maxFailures: null, retryFailed: true, Now);

        Assert.Contains("--max-failures 2 or more", again.Problem!.Words, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Running, tolerated.Value.Status);
        Assert.Equal(3, retried.Value.Count(RebuildStep.Waiting));
        Assert.Equal(ProblemKind.Invalid, PlanResumption.Decide(halted, -1, false, Now).Problem!.Kind);
    }
}
