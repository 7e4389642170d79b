namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// The flow's phases, each an `hpcmaint oci` verb an operator can run on its own: drain (out of service after
/// its jobs), maintenance (the schedule), health (the gate, changing nothing), finalize (the gate and what it
/// leads to: resume, or drain for a person; the processed tag). stage is drain and maintenance; run is all.
/// </summary>
[Flags]
public enum MaintenancePhase
{
    None = 0,
    Drain = 1,
    Maintenance = 2,
    Health = 4,
    Finalize = 8,
    Stage = Drain | Maintenance,
    All = Drain | Maintenance | Health | Finalize,
}
