using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class AdmissionOrderSpecs
{
    private static readonly string[] Four = ["n1", "n2", "n3", "n4"];

    private static Node[] Busy(params string[] names) =>
        Nodes(4).Select(n => names.Contains(n.Name) ? Node(n.Name, State(NodeBaseState.Allocated)) : n).ToArray();

    [Fact]
    public void With_job_lengths_reversed_the_node_whose_job_ends_first_is_admitted_first()
    {
        // The case: n1 = 20 s … n4 = 5 s; in node-name order n1 held the budget for 20 s while n4 idled.
        var jobs = Four.Select((n, i) => UserJob(i + 1, n, Now.AddSeconds(20 - (5 * i)))).ToArray();

        var turn = RebuildStepper.Next(Plan(Four), View(Busy(Four), jobs), Settings);

        Assert.Equal([new RebuildAction.Submit("n4", null)], turn.Actions);
        Assert.Equal("admitted (its jobs end 2026-11-21T09:30:05Z): batch: 0 out + n4 = 1 ≤ 1 (25 % of 4)", turn.Changes.Single(c => c.Node == "n4").Why);
    }

    [Fact]
    public void An_idle_node_goes_before_busy_ones_and_a_job_with_no_end_time_last()
    {
        var jobs = new[] { UserJob(1, "n1", null), UserJob(2, "n2", Now.AddHours(1)), UserJob(3, "n4", Now.AddMinutes(1)) };

        var order = AdmissionOrder.Waiting(Plan(Four), AdmissionOrder.BusyUntil(View(Busy("n1", "n2", "n4"), jobs), Settings));

        Assert.Equal(["n3", "n4", "n2", "n1"], order.Select(n => n.Name));
    }

    [Fact]
    public void Rebuild_jobs_and_pending_jobs_do_not_make_a_node_busy()
    {
        var jobs = new[] { Job(1, "n1", "RUNNING"), Job(2, "n2", "PENDING", partition: "batch") };

        var busy = AdmissionOrder.BusyUntil(View(Nodes(4), jobs), Settings);

        Assert.Empty(busy);
    }

    [Fact]
    public void Decisions_are_reported_in_plan_order_whatever_the_admission_order()
    {
        var jobs = new[] { UserJob(1, "n1", Now.AddMinutes(5)) };

        var turn = RebuildStepper.Next(Plan(Four), View(Busy("n1"), jobs), Settings);

        Assert.Equal(Four, turn.Decision.Decisions.Select(d => d.Node));
        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
    }
}
