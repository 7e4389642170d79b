using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Tests.Processes.Support;
using HpcMaint.Core.Rebuild;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Adapters.Tests.Rebuild;

/// <summary>[rebuild] metrics_file: each plan's progress, shared by every `hpcmaint rebuild` run.</summary>
public sealed class PlanMetricsSpecs : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-plan-metrics-").FullName;
    private readonly ManualTimeProvider clock = new(T0);

    private string Path => System.IO.Path.Combine(dir, "rebuild.prom");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static RebuildPlan Plan(string id, params RebuildStep[] steps) =>
        new(id, "v2", RebuildStrategy.Job, 25, T0, PlanStatus.Running, steps.Select((s, i) => new PlannedNode($"n{i + 1}", s, T0)).ToArray()) { MaxFailures = 2 };

    private static PartitionBudget Budget(string partition, int total, params string[] outNodes)
    {
        var budget = new PartitionBudget(partition, total, 25);
        foreach (var node in outNodes)
        {
            budget.MarkUnavailable(node);
        }

        return budget;
    }

    private IReadOnlyList<Sample> Read() => PrometheusText.Parse(File.ReadAllText(Path));

    [Fact]
    public void A_stalled_plan_shows_since_when_and_each_node_holding_it_back_and_none_of_it_once_it_goes_on()
    {
        var stalled = Plan("rb-1", RebuildStep.Waiting, RebuildStep.Waiting) with
        {
            Stall = new PlanStall(T0.AddSeconds(-90), [new StallBlocker("n2", "drained", "drained by someone else: x"), new StallBlocker("n9", "down", "DOWN: y")]),
        };
        var metrics = new PlanMetrics(Path, clock);

        Assert.Null(metrics.Update(stalled, [], controllerReachable: true));
        var samples = Read();
        var id = ("plan", "rb-1");
        Assert.Equal(1, samples.Value(PlanMetrics.Stalled, id));
        Assert.Equal(T0.ToUnixTimeSeconds() - 90, samples.Value(PlanMetrics.StalledSince, id));
        Assert.Equal(1, samples.Value(PlanMetrics.StalledBy, id, ("node", "n2"), ("cause", "drained")));
        Assert.Equal(1, samples.Value(PlanMetrics.StalledBy, id, ("node", "n9"), ("cause", "down")));

        Assert.Null(metrics.Update(stalled with { Stall = null }, [], controllerReachable: true));
        samples = Read();
        Assert.Equal(0, samples.Value(PlanMetrics.Stalled, id));
        Assert.DoesNotContain(samples, s => s.Name is PlanMetrics.StalledSince or PlanMetrics.StalledBy);
    }

    [Fact]
    public void A_plan_in_flight_shows_its_nodes_by_step_status_limit_budgets_and_controller()
    {
        var plan = Plan("rb-1", RebuildStep.Done, RebuildStep.Submitted, RebuildStep.Waiting, RebuildStep.Waiting, RebuildStep.Failed);

        Assert.Null(new PlanMetrics(Path, clock).Update(plan, [Budget("batch", 8, "n2", "n9"), Budget("gpu", 4)], controllerReachable: true));

        var samples = Read();
        var id = ("plan", "rb-1");
        Assert.Equal(1, samples.Value(PlanMetrics.Nodes, id, ("step", "done")));
        Assert.Equal(1, samples.Value(PlanMetrics.Nodes, id, ("step", "submitted")));
        Assert.Equal(2, samples.Value(PlanMetrics.Nodes, id, ("step", "waiting")));
        Assert.Equal(1, samples.Value(PlanMetrics.Nodes, id, ("step", "failed")));
        Assert.Equal(0, samples.Value(PlanMetrics.Nodes, id, ("step", "gating")));
        Assert.Equal(Enum.GetValues<RebuildStep>().Length, samples.Count(s => s.Name == PlanMetrics.Nodes));
        Assert.Equal(1, samples.Value(PlanMetrics.Status, id, ("status", "running")));
        Assert.Equal(0, samples.Where(s => s.Name == PlanMetrics.Status && s.Labels["status"] != "running").Sum(s => s.Value));
        Assert.Equal(2, samples.Value(PlanMetrics.MaxFailures, id));
        Assert.Equal(2, samples.Value(PlanMetrics.BudgetOut, id, ("partition", "batch")));
        Assert.Equal(2, samples.Value(PlanMetrics.BudgetLimit, id, ("partition", "batch")));
        Assert.Equal(0, samples.Value(PlanMetrics.BudgetOut, id, ("partition", "gpu")));
        Assert.Equal(1, samples.Value(PlanMetrics.BudgetLimit, id, ("partition", "gpu")));
        Assert.Equal(1, samples.Value(PlanMetrics.ControllerReachable, id));
        Assert.Equal(T0.ToUnixTimeSeconds(), samples.Value(PlanMetrics.LastChange, id));
    }

    [Fact]
    public void The_file_is_written_only_when_the_plan_s_lines_change()
    {
        var metrics = new PlanMetrics(Path, clock);
        var plan = Plan("rb-1", RebuildStep.Waiting, RebuildStep.Waiting);
        metrics.Update(plan, [Budget("batch", 4)], true);
        File.Delete(Path);

        clock.Advance(TimeSpan.FromSeconds(2));
        metrics.Update(plan, [Budget("batch", 4)], true);
        Assert.False(File.Exists(Path), "nothing changed: nothing written");

        metrics.Update(plan, [Budget("batch", 4)], false);

        var samples = Read();
        Assert.Equal(0, samples.Value(PlanMetrics.ControllerReachable, ("plan", "rb-1")));
        Assert.Equal(T0.AddSeconds(2).ToUnixTimeSeconds(), samples.Value(PlanMetrics.LastChange, ("plan", "rb-1")));
    }

    [Fact]
    public void Two_plans_keep_their_own_lines_and_a_plan_s_old_lines_are_replaced()
    {
        var first = new PlanMetrics(Path, clock);
        var second = new PlanMetrics(Path, clock);
        first.Update(Plan("rb-1", RebuildStep.Submitted, RebuildStep.Waiting), [Budget("batch", 4, "n1"), Budget("old", 4)], true);
        second.Update(Plan("rb-2", RebuildStep.Waiting), [Budget("gpu", 4)], true);

        first.Update(Plan("rb-1", RebuildStep.Done, RebuildStep.Done) with { Status = PlanStatus.Finished }, [Budget("batch", 4)], true);

        var samples = Read();
        Assert.Equal(2, samples.Value(PlanMetrics.Nodes, ("plan", "rb-1"), ("step", "done")));
        Assert.Equal(1, samples.Value(PlanMetrics.Status, ("plan", "rb-1"), ("status", "finished")));
        Assert.DoesNotContain(samples, s => s.Labels.GetValueOrDefault("partition") == "old");
        Assert.Equal(1, samples.Value(PlanMetrics.Nodes, ("plan", "rb-2"), ("step", "waiting")));
        Assert.Equal(1, samples.Value(PlanMetrics.Status, ("plan", "rb-2"), ("status", "running")));
    }

    [Fact]
    public void A_finished_or_cancelled_plan_goes_a_day_after_it_ended_and_a_halted_one_stays()
    {
        var metrics = new PlanMetrics(Path, clock);
        metrics.Update(Plan("rb-done", RebuildStep.Done) with { Status = PlanStatus.Finished }, [], true);
        metrics.Update(Plan("rb-cancelled", RebuildStep.Cancelled) with { Status = PlanStatus.Cancelled }, [], null);
        metrics.Update(Plan("rb-halted", RebuildStep.Failed, RebuildStep.Failed, RebuildStep.Failed) with { Status = PlanStatus.Halted }, [], true);

        clock.Advance(TimeSpan.FromHours(23));
        metrics.Update(Plan("rb-next", RebuildStep.Waiting), [], true);
        Assert.Equal(["rb-cancelled", "rb-done", "rb-halted", "rb-next"], Plans());

        clock.Advance(TimeSpan.FromHours(2));
        metrics.Update(Plan("rb-next", RebuildStep.Submitted), [], true);

        Assert.Equal(["rb-halted", "rb-next"], Plans());
        Assert.DoesNotContain(Read(), s => s.Labels.GetValueOrDefault("plan") == "rb-cancelled");
    }

    [Fact]
    public void A_cancelled_plan_without_a_controller_reading_leaves_that_line_out()
    {
        new PlanMetrics(Path, clock).Update(Plan("rb-1", RebuildStep.Cancelled) with { Status = PlanStatus.Cancelled }, [], controllerReachable: null);

        var samples = Read();
        Assert.Equal(1, samples.Value(PlanMetrics.Status, ("plan", "rb-1"), ("status", "cancelled")));
        Assert.DoesNotContain(samples, s => s.Name == PlanMetrics.ControllerReachable);
    }

    [Fact]
    public void Without_a_metrics_file_nothing_is_written()
    {
        Assert.Null(new PlanMetrics(null, clock).Update(Plan("rb-1", RebuildStep.Waiting), [], true));
        Assert.Empty(Directory.GetFiles(dir));
    }

    private string[] Plans() =>
        Read().Where(s => s.Name == PlanMetrics.Status).Select(s => s.Labels["plan"]).Distinct().Order(StringComparer.Ordinal).ToArray();
}
