namespace HpcMaint.Adapters.Slurm;

/// <summary>What hpcmaint asks Slurm to change. Every call is one Slurm command.</summary>
public interface ISlurmWriter
{
    Task<SlurmResult<string>> DrainAsync(IEnumerable<string> nodes, string reason, CancellationToken ct = default);

    Task<SlurmResult<string>> ResumeAsync(IEnumerable<string> nodes, CancellationToken ct = default);

    Task<SlurmResult<string>> DownAsync(IEnumerable<string> nodes, string reason, CancellationToken ct = default);

    Task<SlurmResult<string>> RebootAsync(IEnumerable<string> nodes, RebootRequest request, CancellationToken ct = default);

    Task<SlurmResult<string>> CancelRebootAsync(IEnumerable<string> nodes, CancellationToken ct = default);

    Task<SlurmResult<string>> SetCommentAsync(string node, string comment, CancellationToken ct = default);

    Task<SlurmResult<string>> SetExtraAsync(string node, string extra, CancellationToken ct = default);

    Task<SlurmResult<string>> CreateReservationAsync(ReservationRequest request, CancellationToken ct = default);

    Task<SlurmResult<string>> UpdateReservationAsync(string name, IReadOnlyDictionary<string, string> changes, CancellationToken ct = default);

    Task<SlurmResult<string>> DeleteReservationAsync(string name, CancellationToken ct = default);

    Task<SlurmResult<long>> SubmitAsync(BatchJobRequest job, CancellationToken ct = default);

    Task<SlurmResult<string>> CancelJobAsync(long jobId, CancellationToken ct = default);
}
