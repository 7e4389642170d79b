using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.PreemptionCluster;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>Over random jobs, partitions, PreemptTypes, steps and reservations: what --terminate-preemptable may requeue.</summary>
public sealed class RequeueProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly string[] PartitionNames = ["high", "low", "other", "rebuild"];

    private static readonly RebuildStep[] Steps = [RebuildStep.Waiting, RebuildStep.Reserving, RebuildStep.Reserved, RebuildStep.Rebooting];

    private sealed record Case(ClusterView View, RebuildPlan Plan, RebuildSettings Settings);

    private static Gen<Case> Cases() =>
        from count in Gen.Choose(0, 8)
        from jobs in Gen.ArrayOf(
            from node in Gen.Choose(1, 4)
            from partition in Gen.Elements(PartitionNames)
            from end in Gen.Choose(-60, 7200)
            from state in Gen.Elements("RUNNING", "RUNNING", "COMPLETING", "PENDING", "SUSPENDED")
            select (node, partition, end, state), count)
        from steps in Gen.ArrayOf(Gen.Elements(Steps), 4)
        from started in Gen.ArrayOf(Gen.Elements(true, false), 4)
        from type in Gen.Elements(PreemptableJobs.PartitionPrio, "preempt/qos", "preempt/none")
        from named in Gen.Elements<string[]>([], ["high"], ["other"])
        from terminate in Gen.Elements(true, false)
        select Make(jobs, steps, started, type, named, terminate);

    private static Case Make((int Node, string Partition, int End, string State)[] jobs, RebuildStep[] steps, bool[] started, string type, string[] named, bool terminate)
    {
        var running = jobs.Select((j, i) => Running(i + 1, "n" + j.Node, j.Partition, Now.AddSeconds(j.End)) with { State = JobStateText.Parse(j.State), Nodes = j.State == "PENDING" ? [] : ["n" + j.Node] }).ToArray();
        var nodes = All.Select(n => Node(n, running.Any(j => j.Nodes.Contains(n)) ? State(NodeBaseState.Allocated, NodeFlags.Maintenance) : State(NodeBaseState.Idle, NodeFlags.Maintenance))).ToArray();
        var reservations = All.Select((n, i) => new Reservation(MaintenanceReservations.Name("rb-test", n), n, [n], started[i] ? Now.AddMinutes(-1) : Now.AddMinutes(30), null, ["MAINT", "IGNORE_JOBS"], "root", started[i] ? "ACTIVE" : "INACTIVE")).ToArray();
        var plan = Plan(All, maxDown: 100, strategy: RebuildStrategy.Reservation, image: string.Empty) with { Kind = PlanKind.Reboot, TerminatePreemptable = terminate };
        plan = All.Select((n, i) => (n, i)).Aggregate(plan, (p, x) => p.WithStep(x.n, steps[x.i]));
        return new Case(Preempting(nodes, running, reservations, type), plan, new RebuildSettings { PreemptablePartitions = named });
    }

    private static IEnumerable<(RebuildAction.Requeue Requeue, Job? Job)> Requeued(Case c) =>
        RebuildStepper.Next(c.Plan, c.View, c.Settings).Actions.OfType<RebuildAction.Requeue>()
            .Select(r => (r, c.View.Jobs.FirstOrDefault(j => j.Id == r.JobId)));

    [Fact]
    public void No_non_preemptable_job_and_no_job_of_another_node_is_ever_requeued()
    {
        var property = Prop.ForAll(Cases().ToArbitrary(), c =>
            Requeued(c).All(r => r.Job is { } job
                && job.Nodes.Contains(r.Requeue.Node)
                && job.Partition != c.Settings.Partition
                && PreemptableJobs.IsPreemptable(job, r.Requeue.Node, c.View, c.Settings)));

        Check.One(Runs, property);
    }

    [Fact]
    public void Without_the_flag_no_job_is_ever_requeued()
    {
        var property = Prop.ForAll(Cases().ToArbitrary(), c =>
            !Requeued(c with { Plan = c.Plan with { TerminatePreemptable = false } }).Any());

        Check.One(Runs, property);
    }

    [Fact]
    public void With_the_flag_some_job_is_requeued_in_some_case()
    {
        // Guards the two properties above against a generator that never reaches a requeue.
        var requeues = Cases().Sample(500, 500).Count(c => Requeued(c).Any());

        Assert.True(requeues > 0);
    }
}
