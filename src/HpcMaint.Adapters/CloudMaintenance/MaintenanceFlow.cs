using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>The OCI maintenance flow built once from the config: [oci]'s profile and mapping, Slurm, the records, the journal.</summary>
public sealed class MaintenanceFlow : IDisposable
{
    private readonly OciCloud cloud;

    private MaintenanceFlow(OciCloud cloud, Func<bool, MaintenanceLoop> loop)
    {
        this.cloud = cloud;
        Loop = loop;
    }

    /// <summary>The loop for a pass, with its journal's dry-run mark.</summary>
    public Func<bool, MaintenanceLoop> Loop { get; }

    public static Result<MaintenanceFlow> Open(HpcMaintConfig config, string? home, TimeProvider time)
    {
        if (config.Oci is not { } oci)
        {
            return Problem.Invalid("the config has no [oci] section: the nodes are not OCI instances (add [oci] and [oci.maintenance])");
        }

        if (Files.StatePaths.Problem(oci.Maintenance.StateDir, Core.Trust.PathUse.PrivateDirectory) is { } untrusted)
        {
            return Problem.Invalid("[oci.maintenance] state_dir: " + untrusted);
        }

        var opened = OciCloud.Open(oci, home, time: time);
        if (!opened.IsSuccess)
        {
            return opened.Problem!;
        }

        var cloud = opened.Value;
        var runner = new ProcessRunner(time);
        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), runner);
        var store = new MaintenanceStore(oci.Maintenance.StateDir);
        var audit = new AuditJournal(config.Audit.Journal);
        var drainer = new FailedNodeDrainer(slurm, slurm, slurm, config.Health.RecordField, time);
        return new MaintenanceFlow(cloud, dryRun =>
        {
            var journal = new MaintenanceJournal(audit, time, dryRun);
            var reader = new MaintenanceReader(cloud.Client, cloud.Mapping, cloud.ScopesAsync, oci.Compartment is null, slurm, store, oci.Maintenance, journal, time);
            return new MaintenanceLoop(reader, cloud.Client, slurm, drainer, runner, store, oci.Maintenance, journal, time);
        });
    }

    public void Dispose() => cloud.Dispose();
}
