using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Net;

/// <summary><c>net.link</c>: a network interface exists and is up, optionally at a minimum speed and with an exact MTU.</summary>
internal sealed class LinkCheck(string iface, int? minSpeed, int? mtu) : IHealthCheck
{
    public const string Condition = "net.link";

    public static CheckKind Kind { get; } = new(
        Condition,
        "interface present and up, optionally min_speed (Mb/s) and mtu",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        if (LinkState.Read(probe, iface) is not { } link)
        {
            if (probe.Stat("/sys/class/net/" + iface) is null)
            {
                found.Fault(Condition, $"{iface} missing", "present");
            }
            else
            {
                found.Unreadable(Condition, $"cannot read the operstate of {iface}");
            }

            return Task.FromResult(found.ToVerdict());
        }

        if (!link.IsUp)
        {
            found.Fault(Condition, $"{iface} {link.OperState}", "up");
        }

        if (minSpeed is { } min && !(link.SpeedMbps >= min))
        {
            found.Fault(Condition, $"{iface} {(link.SpeedMbps is { } s ? s + "Mb/s" : "speed unknown")}", $">= {min}Mb/s");
        }

        if (mtu is { } expected && link.Mtu != expected)
        {
            found.Fault(Condition, $"{iface} mtu {link.Mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}", $"mtu {expected}");
        }

        return Task.FromResult(found.ToVerdict());
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var iface = section.Optional("interface", CheckSettings.PathComponent);
        var minSpeed = section.OptionalInt("min_speed", 1, 10_000_000);
        var mtu = section.OptionalInt("mtu", 68, 65536);
        return iface is null
            ? MisconfiguredCheck.Report(section, "interface", "no interface: write interface = \"eth0\"")
            : new LinkCheck(iface, minSpeed, mtu);
    }
}
