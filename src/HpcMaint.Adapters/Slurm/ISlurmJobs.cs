namespace HpcMaint.Adapters.Slurm;

/// <summary>The jobs hpcmaint submits and cancels (the rebuild jobs).</summary>
public interface ISlurmJobs
{
    /// <summary>sbatch; the job id.</summary>
    Task<SlurmResult<long>> SubmitAsync(BatchJobRequest job, CancellationToken ct = default);

    Task<SlurmResult<string>> CancelJobAsync(long jobId, CancellationToken ct = default);

    /// <summary>scontrol requeue: a preemptable user job back to the queue (--terminate-preemptable); Slurm refuses one that cannot be requeued.</summary>
    Task<SlurmResult<string>> RequeueJobAsync(long jobId, CancellationToken ct = default);
}
