using HpcMaint.Adapters.Metrics;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Reboot;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// [reboot] metrics_file: reboots and rebuilds by method and outcome, the OpenStack ones' durations,
/// the OpenStack operations in flight and when each outcome was last seen. Changes are collected and
/// written together by <see cref="Flush"/> (once per hook run, once per worker outcome), added to what
/// the other hpcmaint-reboot processes wrote (<see cref="CounterFile"/>). Without a path it writes nothing.
/// </summary>
public sealed class RebootMetrics(string? path, TimeProvider time)
{
    public const string Reboots = "hpcmaint_reboots_total";
    public const string Rebuilds = "hpcmaint_rebuilds_total";
    public const string RebootDuration = "hpcmaint_reboot_duration_seconds";
    public const string RebuildDuration = "hpcmaint_rebuild_duration_seconds";
    public const string InFlightFamily = "hpcmaint_reboot_openstack_in_flight";
    public const string LastOutcome = "hpcmaint_reboot_last_outcome_timestamp_seconds";

    private const string InFlightHelp = "OpenStack reboots and rebuilds the reboot workers have taken on and not ended (a worker ended mid-way, by SIGKILL or by its own node rebooting, leaves its own counted).";
    private const string Outcomes = "outcome: started (a command, which runs detached), succeeded (OpenStack accepted the reboot, or the rebuilt server is ACTIVE) or failed";
    private readonly List<MetricChange> pending = [];
    private readonly Lock guard = new();

    /// <summary>A timestamp to give <see cref="Outcome"/> when the work is timed.</summary>
    public long StartTiming() => time.GetTimestamp();

    /// <summary>An outcome hpcmaint-reboot journalled (Succeeded or Failed); timed from <paramref name="startedAt"/> (the worker's OpenStack work).</summary>
    public void Outcome(RebootAction action, AuditOutcome outcome, long? startedAt = null)
    {
        var rebuild = RebootMethods.IsRebuild(action.Method);
        var labels = new[] { ("method", action.MethodName), ("outcome", outcome != AuditOutcome.Succeeded ? "failed" : action.NeedsWorker ? "succeeded" : "started") };
        var changes = new List<MetricChange>
        {
            rebuild
                ? MetricChange.Count(Rebuilds, "Rebuilds by hpcmaint-reboot, by method and outcome; " + Outcomes + ".", labels)
                : MetricChange.Count(Reboots, "Reboots by hpcmaint-reboot, by method and outcome; " + Outcomes + ".", labels),
            MetricChange.GaugeTo(LastOutcome, "When hpcmaint-reboot last saw this method end this way (Unix time).", time.GetUtcNow().ToUnixTimeSeconds(), labels),
        };
        if (startedAt is { } from && time.GetElapsedTime(from) is var took)
        {
            changes.AddRange(rebuild
                ? MetricChange.Duration(RebuildDuration, "How long the worker's OpenStack rebuilds took, from taking the node to ACTIVE or the failure.", took, labels)
                : MetricChange.Duration(RebootDuration, "How long the worker's OpenStack reboots took, from taking the node to Nova accepting or the failure.", took, labels));
        }

        lock (guard)
        {
            pending.AddRange(changes);
        }
    }

    /// <summary>OpenStack operations the worker took on (positive) or ended (negative).</summary>
    public void InFlight(int delta)
    {
        lock (guard)
        {
            pending.Add(MetricChange.GaugeBy(InFlightFamily, InFlightHelp, delta));
        }
    }

    /// <summary>Writes what was collected; returns what went wrong, or null.</summary>
    public string? Flush()
    {
        lock (guard)
        {
            if (path is null || pending.Count == 0)
            {
                pending.Clear();
                return null;
            }

            var problem = CounterFile.Update(path, families =>
            {
                families.Apply(pending);
                // A file lost while work was in flight would count its end below zero.
                if (families.Samples(InFlightFamily).Any(s => s.Value < 0))
                {
                    families.Apply(MetricChange.GaugeTo(InFlightFamily, InFlightHelp, 0));
                }
            });
            pending.Clear();
            return problem is null ? null : $"cannot write [reboot] metrics_file {path}: {problem}";
        }
    }
}
