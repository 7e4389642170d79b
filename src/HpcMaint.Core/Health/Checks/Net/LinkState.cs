namespace HpcMaint.Core.Health.Checks.Net;

/// <summary>An interface's attributes from /sys/class/net/IF/{operstate,carrier,speed,mtu}.</summary>
internal sealed record LinkState(string OperState, bool Carrier, long? SpeedMbps, long? Mtu)
{
    /// <summary>
    /// Up, or "unknown" with a carrier: loopback and some virtual interfaces never report "up" even when
    /// they pass traffic.
    /// </summary>
    public bool IsUp => OperState == "up" || (OperState == "unknown" && Carrier);

    /// <summary>Null when the interface does not exist or its operstate cannot be read.</summary>
    public static LinkState? Read(IHostProbe probe, string iface)
    {
        var dir = "/sys/class/net/" + iface;
        if (probe.ReadText(dir + "/operstate") is not { } operState)
        {
            return null;
        }

        // speed reads as -1 (or fails with EINVAL) when the link is down or the driver does not say.
        var speed = ProcText.ReadLong(probe, dir + "/speed");
        return new LinkState(
            operState.Trim(),
            ProcText.ReadLong(probe, dir + "/carrier") == 1,
            speed > 0 ? speed : null,
            ProcText.ReadLong(probe, dir + "/mtu"));
    }
}
