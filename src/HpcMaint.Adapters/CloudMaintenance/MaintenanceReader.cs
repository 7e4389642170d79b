using System.Globalization;
using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.CloudMaintenance;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>
/// One pass's snapshot: every maintenance event of the configured compartments (Get for each open one, for its
/// faultDetails), the node each instance maps to, the work request of each recorded schedule, every Slurm node,
/// and hpcmaint's records. Every OCI call goes to the journal. Slurm or the records unreadable: no snapshot.
/// <paramref name="compartments"/> lists them with ListCompartments when <paramref name="listsCompartments"/> (no [oci] compartment).
/// </summary>
public sealed class MaintenanceReader(
    OciClient client,
    OciInstanceMapping mapping,
    Func<CancellationToken, Task<Result<IReadOnlyList<string>>>> compartments,
    bool listsCompartments,
    ISlurmReader slurm,
    MaintenanceStore store,
    OciMaintenanceSettings settings,
    MaintenanceJournal journal,
    TimeProvider time)
{
    public async Task<Result<MaintenanceInput>> ReadAsync(CancellationToken ct)
    {
        var nodes = await slurm.GetNodesAsync(ct).ConfigureAwait(false);
        if (!nodes.IsSuccess)
        {
            return Problem.Failed("cannot read the Slurm nodes: " + nodes.Error);
        }

        var records = store.Load();
        if (!records.IsSuccess)
        {
            return records.Problem!;
        }

        var scopes = await compartments(ct).ConfigureAwait(false);
        if (listsCompartments)
        {
            journal.Call(scopes, "ListCompartments", null, null);
        }

        if (!scopes.IsSuccess)
        {
            return scopes.Problem!;
        }

        var events = new List<MaintenanceEvent>();
        var instances = new Dictionary<string, (string? Node, string? Problem)>(StringComparer.Ordinal);
        foreach (var compartment in scopes.Value)
        {
            var listed = journal.Call(await client.ListMaintenanceEventsAsync(compartment, cancellationToken: ct).ConfigureAwait(false), "ListInstanceMaintenanceEvents", null, compartment);
            if (!listed.IsSuccess)
            {
                return listed.Problem!;
            }

            foreach (var summary in listed.Value)
            {
                events.Add(await EventAsync(summary, records.Value.GetValueOrDefault(summary.Id), instances, ct).ConfigureAwait(false));
            }
        }

        return new MaintenanceInput(events, nodes.Value, records.Value, settings, time.GetUtcNow());
    }

    private async Task<MaintenanceEvent> EventAsync(OciMaintenanceEvent summary, MaintenanceRecord? record, Dictionary<string, (string? Node, string? Problem)> instances, CancellationToken ct)
    {
        var tags = summary.FreeformTags ?? [];
        var processed = tags.GetValueOrDefault(settings.ProcessedTag);
        var full = summary;
        string? problem = null;
        if (processed is null)
        {
            var got = journal.Call(await client.GetMaintenanceEventAsync(summary.Id, ct).ConfigureAwait(false), "GetInstanceMaintenanceEvent", null, summary.Id);
            if (got.IsSuccess)
            {
                full = got.Value;
                tags = full.FreeformTags ?? [];
            }
            else
            {
                problem = "its details could not be read: " + got.Problem!.Words;
            }
        }

        if (!instances.TryGetValue(full.InstanceId, out var mapped))
        {
            var instance = journal.Call(await client.GetInstanceAsync(full.InstanceId, ct).ConfigureAwait(false), "GetInstance", null, full.InstanceId);
            var node = instance.IsSuccess ? mapping.NodeOf(instance.Value) : instance.Problem!;
            mapped = instances[full.InstanceId] = node.IsSuccess ? (node.Value, null) : (null, node.Problem!.Words);
        }

        var faults = OciFaultCodes.Of(full.AdditionalDetails, out var unreadable);
        WorkRequestStatus? request = null;
        if (record?.WorkRequestId is { } requestId && processed is null)
        {
            var status = journal.Call(await client.GetWorkRequestAsync(requestId, ct).ConfigureAwait(false), "GetWorkRequest", mapped.Node, requestId);
            request = status.IsSuccess ? new WorkRequestStatus(requestId, status.Value.Status) : null;
        }

        return new MaintenanceEvent(full.Id, full.InstanceId, full.LifecycleState)
        {
            Node = mapped.Node,
            NodeProblem = mapped.Problem,
            FaultCodes = problem is null ? faults : [],
            CorrelationToken = full.CorrelationToken,
            TimeWindowStart = full.TimeWindowStart,
            TimeHardDueDate = full.TimeHardDueDate,
            TimeStarted = full.TimeStarted,
            CanReschedule = full.CanReschedule,
            LifecycleDetails = full.LifecycleDetails ?? problem ?? unreadable,
            ScheduleAttempt = int.TryParse(tags.GetValueOrDefault(MaintenanceTags.Attempt), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) ? attempt : 0,
            Processed = processed,
            WorkRequest = request,
        };
    }
}
