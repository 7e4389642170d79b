using HpcMaint.Adapters.CloudMaintenance;
using HpcMaint.Core.Config;
using HpcMaint.Core.Service;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Service;

/// <summary>
/// The OCI maintenance flow inside `hpcmaint service`: one pass every [oci.maintenance] loop_interval. It acts only
/// when [service] act = true and a maintenance window is open; otherwise each pass is a dry run (decisions
/// journalled, nothing changed), so a node waiting for its gate outside a window waits for the window too.
/// </summary>
public sealed class OciMaintenanceLoop(
    Func<bool, MaintenanceLoop> loop, ServiceSettings service, OciMaintenanceSettings settings, ServiceJournal journal, TimeProvider time, ILogger log) : IServiceLoop
{
    public string Name => "oci maintenance";

    public async Task RunAsync(bool once, CancellationToken stop)
    {
        while (true)
        {
            await PassAsync(stop).ConfigureAwait(false);
            if (once)
            {
                return;
            }

            await Task.Delay(settings.LoopInterval, time, stop).ConfigureAwait(false);
        }
    }

    public async Task<MaintenancePass?> PassAsync(CancellationToken stop)
    {
        var window = MaintenanceWindows.At(service.Windows, time.GetUtcNow());
        var dryRun = !service.Act || !window.Open;
        var pass = await loop(dryRun).RunAsync(dryRun, stop).ConfigureAwait(false);
        if (!pass.IsSuccess)
        {
            journal.Problem(null, "oci maintenance: " + pass.Problem!.Words);
            log.LogWarning("oci maintenance: {Problem}", pass.Problem!.Words);
            return null;
        }

        log.LogInformation(
            "oci maintenance: {Events} event(s), {Steps} step(s) carried out{DryRun}",
            pass.Value.Plan.Decisions.Count,
            pass.Value.Done.Count,
            dryRun ? service.Act ? $" (dry run: {window.Why})" : " (dry run: monitor-only)" : string.Empty);
        return pass.Value;
    }
}
