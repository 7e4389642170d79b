namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Clock event ("throttle") reason names, shortened to what the XML and CSV forms share: "hw_slowdown".</summary>
internal static class NvidiaThrottleReasons
{
    /// <summary>
    /// Reasons that mean the hardware is protecting itself. Idle, application clocks, the software power
    /// cap, sync boost and display clocks are normal operation and are not in the default.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultForbidden =
        ["hw_slowdown", "hw_thermal_slowdown", "hw_power_brake_slowdown", "sw_thermal_slowdown"];

    private static readonly string[] Prefixes =
        ["clocks_event_reason_", "clocks_throttle_reason_", "clocks_event_reasons.", "clocks_throttle_reasons."];

    /// <summary>"clocks_event_reason_hw_slowdown" or "clocks_throttle_reasons.hw_slowdown" → "hw_slowdown".</summary>
    public static string ShortName(string name)
    {
        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }
}
