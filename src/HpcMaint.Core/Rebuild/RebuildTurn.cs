namespace HpcMaint.Core.Rebuild;

/// <summary>The result of one pass: the new plan (save it before acting), what changed, what to do.</summary>
public sealed record RebuildTurn(
    RebuildPlan Plan,
    IReadOnlyList<NodeChange> Changes,
    IReadOnlyList<RebuildAction> Actions,
    WaveDecision Decision)
{
    /// <summary>The stall that began or ended in this pass (told once each way); null: none did.</summary>
    public StallNews? StallNews { get; init; }
}
