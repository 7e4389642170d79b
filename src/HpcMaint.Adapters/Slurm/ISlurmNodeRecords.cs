namespace HpcMaint.Adapters.Slurm;

/// <summary>Where hpcmaint keeps a node's record in Slurm (its Comment or Extra; see <see cref="NodeRecordWriter"/>).</summary>
public interface ISlurmNodeRecords
{
    Task<SlurmResult<string>> SetCommentAsync(string node, string comment, CancellationToken ct = default);

    /// <summary>Slurm 23.02 and later; 22.05 has no Extra.</summary>
    Task<SlurmResult<string>> SetExtraAsync(string node, string extra, CancellationToken ct = default);
}
