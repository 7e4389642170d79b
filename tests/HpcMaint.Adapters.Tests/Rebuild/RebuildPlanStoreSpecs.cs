using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Tests.Rebuild;

public sealed class RebuildPlanStoreSpecs : IDisposable
{
    private static readonly DateTimeOffset Made = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-plans-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static RebuildPlan Plan(string id) =>
        new(id, "rocky9-2026.11", RebuildStrategy.Job, 25, Made, PlanStatus.Running,
            [
                new PlannedNode("n1", RebuildStep.Submitted, Made.AddSeconds(3)) { JobId = 42, Detail = "RUNNING", ImageBefore = "rocky9-2026.10", Attempts = 1 },
                new PlannedNode("n2", RebuildStep.Waiting, Made),
            ])
        { Selection = "--partition batch" };

    [Fact]
    public void A_saved_plan_reads_back_equal_node_for_node()
    {
        var store = new RebuildPlanStore(dir);
        var plan = Plan("rb-1");

        store.Save(plan);
        var read = store.Load("rb-1", out var problem);

        Assert.Null(problem);
        Assert.NotNull(read);
        Assert.Equal(plan with { Nodes = [] }, read with { Nodes = [] });
        Assert.Equal(plan.Nodes, read.Nodes);
        Assert.Equal([store.PathOf("rb-1")], Directory.GetFiles(dir)); // no temporary file left behind
    }

    [Fact]
    public void A_file_that_is_not_a_plan_is_reported_not_thrown()
    {
        var store = new RebuildPlanStore(dir);
        File.WriteAllText(store.PathOf("rb-bad"), "{\"id\": ");

        var read = store.Load("rb-bad", out var problem);

        Assert.Null(read);
        Assert.Contains("not a rebuild plan", problem, StringComparison.Ordinal);
        Assert.Empty(store.All());
    }

    [Fact]
    public void A_plan_held_by_one_runner_cannot_be_taken_by_another_until_released()
    {
        var store = new RebuildPlanStore(dir);

        using (var first = store.TryLock("rb-1"))
        {
            Assert.NotNull(first);
            Assert.Null(store.TryLock("rb-1"));
        }

        using var again = store.TryLock("rb-1");
        Assert.NotNull(again);
    }

    [Fact]
    public void New_ids_made_in_the_same_second_differ()
    {
        var store = new RebuildPlanStore(dir);

        var first = store.NewId(Made);
        store.Save(Plan(first));
        var second = store.NewId(Made);

        Assert.Equal("rb-20261121T093000Z", first);
        Assert.Equal("rb-20261121T093000Z-2", second);
    }
}
