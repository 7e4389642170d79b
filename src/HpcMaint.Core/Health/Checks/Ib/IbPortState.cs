namespace HpcMaint.Core.Health.Checks.Ib;

/// <summary>
/// One InfiniBand/RDMA port as /sys/class/infiniband/DEV/ports/N shows it: state "4: ACTIVE",
/// phys_state "5: LinkUp", rate "400 Gb/sec (4X NDR)", link_layer "InfiniBand" or "Ethernet".
/// </summary>
internal sealed record IbPortState(string Device, string Port, string State, string PhysState, double? RateGbps, string? LinkLayer)
{
    public string Name => $"{Device}/{Port}";

    public bool IsActive => State.Equals("ACTIVE", StringComparison.OrdinalIgnoreCase);

    public bool IsLinkUp => PhysState.Equals("LinkUp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the port's state cannot be read.</summary>
    public static IbPortState? Read(IHostProbe probe, string device, string port)
    {
        var dir = $"/sys/class/infiniband/{device}/ports/{port}/";
        if (probe.ReadText(dir + "state") is not { } state)
        {
            return null;
        }

        return new IbPortState(
            device,
            port,
            Named(state),
            probe.ReadText(dir + "phys_state") is { } phys ? Named(phys) : "unknown",
            probe.ReadText(dir + "rate") is { } rate && ProcText.TryLeadingNumber(rate, out var gbps) ? gbps : null,
            probe.ReadText(dir + "link_layer")?.Trim());
    }

    /// <summary>The name part of a "number: NAME" attribute ("4: ACTIVE" → "ACTIVE"); the whole text when there is no number.</summary>
    public static string Named(string value)
    {
        var span = value.AsSpan().Trim();
        var colon = span.IndexOf(':');
        return (colon > 0 && span[..colon].IndexOfAnyExceptInRange('0', '9') < 0 ? span[(colon + 1)..].Trim() : span).ToString();
    }
}
