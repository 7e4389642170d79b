namespace HpcMaint.Adapters.Slurm;

/// <summary>What hpcmaint changes of a node's state in Slurm: drain, resume, reboot. Every call is one scontrol command.</summary>
public interface ISlurmNodeStates
{
    Task<SlurmResult<string>> DrainAsync(IEnumerable<string> nodes, string reason, CancellationToken ct = default);

    Task<SlurmResult<string>> ResumeAsync(IEnumerable<string> nodes, CancellationToken ct = default);

    /// <summary>`scontrol reboot` with the request's options.</summary>
    Task<SlurmResult<string>> RebootAsync(IEnumerable<string> nodes, RebootRequest request, CancellationToken ct = default);
}
