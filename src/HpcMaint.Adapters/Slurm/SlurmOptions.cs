namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// Where the Slurm commands are and which slurm.conf they read. Hooks run by slurmd get no PATH and no
/// SLURM_CONF, so both come from hpcmaint's own config file.
/// </summary>
public sealed record SlurmOptions
{
    public string BinDirectory { get; init; } = "/usr/bin";

    /// <summary>Exported as SLURM_CONF to every command; null leaves Slurm's default (/etc/slurm/slurm.conf).</summary>
    public string? SlurmConf { get; init; }

    /// <summary>Limit on one Slurm command; a health run uses a short one so a dead controller cannot hang it.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
