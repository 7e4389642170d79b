namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// MAINT reservations, for the rolling maintenance through reservations (the next flow); today only the
/// testbed specs call it, which keep its commands proved against real Slurm until that flow does.
/// </summary>
public interface ISlurmReservations
{
    Task<SlurmResult<string>> CreateReservationAsync(ReservationRequest request, CancellationToken ct = default);

    Task<SlurmResult<string>> UpdateReservationAsync(string name, IReadOnlyDictionary<string, string> changes, CancellationToken ct = default);

    Task<SlurmResult<string>> DeleteReservationAsync(string name, CancellationToken ct = default);
}
