namespace HpcMaint.Core.Rebuild;

/// <summary>
/// What a plan is expected to do (<see cref="WhatIfPlanner"/>), made at <see cref="Made"/>: each node's
/// wave and times, and the nodes no time can be given for, with why (a job with no end time, a node that
/// is down, a budget held by something outside the plan). Kept in the plan when a real run starts, so
/// `status` can show predicted against actual.
/// </summary>
public sealed record Prediction(DateTimeOffset Made, IReadOnlyList<PredictedNode> Nodes, IReadOnlyList<UnpredictedNode> Unpredicted)
{
    /// <summary>From <see cref="Made"/> to the last node back; null when some node cannot be predicted.</summary>
    public TimeSpan? Makespan => Unpredicted.Count > 0 ? null
        : Nodes.Count == 0 ? TimeSpan.Zero
        : Nodes.Max(n => n.Back) - Made;

    /// <summary>Node-hours out of service doing no user work (<see cref="PredictedNode.Lost"/>, summed).</summary>
    public double NodeHoursLost => Nodes.Sum(n => n.Lost.TotalHours);

    public int Waves => Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Wave);

    public PredictedNode? Of(string node) => Nodes.FirstOrDefault(n => n.Name == node);
}
