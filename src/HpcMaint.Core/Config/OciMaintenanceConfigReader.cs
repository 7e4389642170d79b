using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Config;

/// <summary>Reads [oci.maintenance]; every key has a default, so an [oci] without it reports every event and acts on none.</summary>
internal static class OciMaintenanceConfigReader
{
    public static OciMaintenanceSettings Read(ConfigSection section)
    {
        var defaults = new OciMaintenanceSettings();
        var settings = new OciMaintenanceSettings
        {
            ApprovedFaultCodes = section.StringList("approved_fault_codes", [], FaultCodesProblem),
            ExcludedHosts = Excluded(section),
            DailyCap = section.Int("daily_cap", defaults.DailyCap, 0, 100_000),
            MaxConcurrent = section.Int("max_concurrent", defaults.MaxConcurrent, 1, 100_000),
            MaxDownPercent = section.Int("max_down", defaults.MaxDownPercent, 1, 100),
            DueWithin = section.Duration("due_within", defaults.DueWithin, TimeSpan.Zero, TimeSpan.FromDays(60)),
            MaxReschedules = section.Int("max_reschedules", defaults.MaxReschedules, 0, 100),
            ScheduleLead = section.Duration("schedule_lead", defaults.ScheduleLead, TimeSpan.Zero, TimeSpan.FromHours(24)),
            ProcessedTag = section.String("processed_tag", defaults.ProcessedTag, TagProblem),
            Gate = section.Argv("gate", OciMaintenanceSettings.DefaultGate, ConfigRules.Argv),
            GateTimeout = section.Duration("gate_timeout", defaults.GateTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(6)),
            OnFailure = section.OptionalArgv("on_failure", ConfigRules.Argv) ?? [],
            OnFailureTimeout = section.Duration("on_failure_timeout", defaults.OnFailureTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            LoopInterval = section.Duration("loop_interval", defaults.LoopInterval, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1)),
            StateDir = section.PathFor("state_dir", defaults.StateDir, Trust.PathUse.StateDirectory),
        };
        section.Done();
        return settings;
    }

    private static string[] Excluded(ConfigSection section)
    {
        var expressions = section.StringList("excluded_hosts", [], list =>
        {
            foreach (var expression in list)
            {
                if (!Hostlist.TryExpand(expression, out _, out var error))
                {
                    return $"\"{expression}\" is not a hostlist: {error.Message}; write node names or ranges such as \"gpu[01-04]\"";
                }
            }

            return null;
        });
        return expressions.SelectMany(Hostlist.Expand).Distinct(StringComparer.Ordinal).ToArray();
    }

    // OCI's fault ids are matched exactly, so a code with spaces or a lower-case copy would silently never match.
    private static string? FaultCodesProblem(IReadOnlyList<string> codes)
    {
        foreach (var code in codes)
        {
            if (code.Length == 0 || code.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return $"\"{code}\" is not a fault id; write OCI's faultId exactly as the event gives it, e.g. \"HPCGPU-0001-01\"";
            }
        }

        var twice = codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"\"{twice.Key}\" is listed twice; list each fault id once";
    }

    private static string? TagProblem(string tag) =>
        tag.Length is > 0 and <= 100 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? null
            : $"\"{tag}\" is not a freeform tag key OCI takes; write letters, digits, '_', '-' or '.', e.g. \"maintenance_processed\"";
}
