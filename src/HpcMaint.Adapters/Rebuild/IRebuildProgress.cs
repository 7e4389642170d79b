using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>Where the rebuild loop tells what happens as it happens (the CLI's live view).</summary>
public interface IRebuildProgress
{
    /// <summary>The loop begins (a plan made or resumed; <paramref name="how"/> says which).</summary>
    void Started(RebuildPlan plan, string how);

    /// <summary>A node moved, or its detail changed.</summary>
    void Change(NodeChange change);

    /// <summary>Something went wrong that the loop carries on through (a read, a drain, the metrics file).</summary>
    void Problem(string text);

    /// <summary>Where the plan stands after a pass, with each partition's budget.</summary>
    void Status(RebuildPlan plan, IReadOnlyList<PartitionBudget> budgets);

    /// <summary>Why the loop was let go, when it was not a signal (the service: its window closed); null: a signal.</summary>
    string? LeftBecause => null;
}
