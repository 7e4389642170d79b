using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Service;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Service;

public sealed class ServiceRulesSpecs
{
    private static readonly ServiceSettings Acting = new() { Act = true };
    private static readonly WindowState Closed = new(false, null, Now.AddHours(3), "outside every maintenance window; sat 22:00-06:00 UTC opens at …");
    private static readonly RebuildPlan Waiting = Plan(["n1", "n2", "n3", "n4"]);

    [Fact]
    public void Without_act_every_open_plan_is_only_reported_whatever_the_window()
    {
        Assert.Equal(PlanTurn.Report, ServiceRules.Decide(Waiting, new ServiceSettings(), WindowState.Always, now: false).Turn);
        Assert.Equal(PlanTurn.Report, ServiceRules.Decide(Waiting, new ServiceSettings(), Closed, now: true).Turn);
    }

    [Fact]
    public void Acting_inside_a_window_or_told_now_it_resumes()
    {
        Assert.Equal(PlanTurn.Resume, ServiceRules.Decide(Waiting, Acting, WindowState.Always, now: false).Turn);
        Assert.Equal(PlanTurn.Resume, ServiceRules.Decide(Waiting, Acting, Closed, now: true).Turn);
    }

    [Fact]
    public void Outside_every_window_a_plan_with_nodes_in_flight_is_followed_and_one_without_waits()
    {
        Assert.Equal(PlanTurn.Wait, ServiceRules.Decide(Waiting, Acting, Closed, now: false).Turn);
        Assert.Equal(PlanTurn.Follow, ServiceRules.Decide(Waiting.WithStep("n1", RebuildStep.Submitted, job: 7), Acting, Closed, now: false).Turn);
    }

    [Fact]
    public void A_halted_plan_is_left_to_an_admin()
    {
        var halted = Waiting.WithStep("n1", RebuildStep.Failed).WithStep("n2", RebuildStep.Failed).Settle();

        Assert.Equal(PlanStatus.Halted, halted.Status);
        Assert.Equal(PlanTurn.Halted, ServiceRules.Decide(halted, Acting, WindowState.Always, now: false).Turn);
    }

    [Fact]
    public void A_closed_window_admits_nothing_in_the_stepper_but_follows_the_nodes_in_flight()
    {
        var plan = Waiting.WithStep("n1", RebuildStep.Submitted, job: 7);
        var done = Job(7, "n1", state: "COMPLETED", comment: RebuildJobs.Comment("new", plan.Id));
        var nodes = Nodes(4);
        nodes[0] = Node("n1", image: "new");

        var turn = RebuildStepper.Next(plan, View(nodes, [done]), Settings, ServiceRules.AdmissionClosed(Closed, now: false));

        Assert.Empty(turn.Actions);
        Assert.Equal(RebuildStep.Done, turn.Plan.Find("n1")!.Step);
        Assert.Equal(Closed.Why, turn.Plan.Find("n2")!.Detail);
        Assert.True(ServiceRules.MayLeave(turn.Plan, Closed.Why));
        Assert.False(ServiceRules.MayLeave(plan, Closed.Why));
        Assert.False(ServiceRules.MayLeave(turn.Plan, null));
    }
}
