namespace HpcMaint.Adapters.Slurm;

/// <summary>A reservation to create; a maintenance one is MAINT,IGNORE_JOBS for root from now on.</summary>
public sealed record ReservationRequest(
    string Name,
    IReadOnlyCollection<string> Nodes,
    string StartTime = "now",
    string Duration = "UNLIMITED",
    string Users = "root")
{
    public IReadOnlyList<string> Flags { get; init; } = ["MAINT", "IGNORE_JOBS"];
}
