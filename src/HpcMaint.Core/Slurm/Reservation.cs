namespace HpcMaint.Core.Slurm;

/// <summary>An advanced reservation (hpcmaint uses MAINT reservations to keep work off nodes).</summary>
public sealed record Reservation(
    string Name,
    string NodesExpression,
    IReadOnlyList<string> Nodes,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyList<string> Flags,
    string? Users,
    string State)
{
    public bool IsMaintenance => Flags.Contains("MAINT");
}
