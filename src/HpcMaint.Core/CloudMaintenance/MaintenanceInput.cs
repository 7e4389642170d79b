using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>One pass's snapshot: every event OCI lists, every Slurm node, hpcmaint's records by event id, the policy, and now.</summary>
public sealed record MaintenanceInput(
    IReadOnlyList<MaintenanceEvent> Events,
    IReadOnlyList<Node> Nodes,
    IReadOnlyDictionary<string, MaintenanceRecord> Records,
    OciMaintenanceSettings Settings,
    DateTimeOffset Now);
