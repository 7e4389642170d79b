using HpcMaint.Core.CloudMaintenance;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>What one pass decided, and each step it carried out with how it went (none in a dry run).</summary>
public sealed record MaintenancePass(MaintenancePlan Plan, IReadOnlyList<string> Done);
