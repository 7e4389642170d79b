using HpcMaint.Adapters.Metrics;
using HpcMaint.Core.Service;

namespace HpcMaint.Adapters.Service;

/// <summary>[service] metrics_file: what the service's last pass saw (plans open, nodes waiting, the window, whether it acts).</summary>
public sealed class ServiceMetrics(string? path)
{
    public const string PlansOpen = "hpcmaint_service_plans_open";
    public const string NodesWaiting = "hpcmaint_service_nodes_waiting";
    public const string WindowOpen = "hpcmaint_service_window_open";
    public const string NextOpening = "hpcmaint_service_window_next_opening_timestamp_seconds";
    public const string Acting = "hpcmaint_service_acting";
    public const string LastPass = "hpcmaint_service_last_pass_timestamp_seconds";

    /// <summary>Writes the pass's figures; null when written (or no file is configured), else the problem.</summary>
    public string? Update(int plansOpen, int nodesWaiting, WindowState window, bool acting, DateTimeOffset at)
    {
        if (path is null)
        {
            return null;
        }

        var problem = CounterFile.Update(path, families =>
        {
            families.Remove(s => s.Name == NextOpening);
            families.Apply(
            [
                MetricChange.GaugeTo(PlansOpen, "Rebuild plans still running or halted, as the service's last pass found them.", plansOpen),
                MetricChange.GaugeTo(NodesWaiting, "Nodes of those plans not started yet.", nodesWaiting),
                MetricChange.GaugeTo(WindowOpen, "1 while a [[maintenance.window]] is open (or none is configured), 0 outside every window.", window.Open ? 1 : 0),
                MetricChange.GaugeTo(Acting, "1 when [service] act = true lets the service act, 0 when it only reports (monitor-only).", acting ? 1 : 0),
                MetricChange.GaugeTo(LastPass, "When the service's last pass ended (Unix time).", at.ToUnixTimeSeconds()),
            ]);
            if (window.NextOpening is { } next)
            {
                families.Apply(MetricChange.GaugeTo(NextOpening, "When the next maintenance window opens (Unix time), while every window is closed.", next.ToUnixTimeSeconds()));
            }
        });
        return problem is null ? null : $"cannot write [service] metrics_file {path}: {problem}";
    }
}
