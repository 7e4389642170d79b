using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Ib;

/// <summary>
/// <c>ib.port</c>: InfiniBand/RDMA ports are ACTIVE with the physical link up, optionally at a minimum rate
/// and on a link layer; one device and port, or every port of every device when they are not named.
/// </summary>
internal sealed class IbPortCheck(string? device, int? port, double? minRate, string? linkLayer, int? minPorts) : IHealthCheck
{
    public const string Condition = "ib.port";
    private const string Root = "/sys/class/infiniband";

    public static CheckKind Kind { get; } = new(
        Condition,
        "ports ACTIVE and LinkUp (device, port: all when left out), optionally min_rate (Gb/s), link_layer and min_ports",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        var checkedPorts = 0;
        foreach (var dev in Devices(probe, found))
        {
            foreach (var p in Ports(probe, dev, found))
            {
                checkedPorts++;
                if (IbPortState.Read(probe, dev, p) is not { } state)
                {
                    found.Unreadable(Condition, $"cannot read the state of {dev}/{p}");
                    continue;
                }

                Evaluate(state, found);
            }
        }

        if (minPorts is { } min && checkedPorts < min)
        {
            found.Fault(Condition, ProcText.Count(checkedPorts, "IB port", "IB ports"), $">= {min.ToString(CultureInfo.InvariantCulture)}");
        }

        return Task.FromResult(found.ToVerdict());
    }

    private void Evaluate(IbPortState state, FindingList found)
    {
        if (!state.IsActive || !state.IsLinkUp)
        {
            found.Fault(Condition, $"{state.Name} {state.State}/{state.PhysState}", "ACTIVE/LinkUp");
        }

        if (minRate is { } min && !(state.RateGbps >= min))
        {
            var actual = state.RateGbps is { } r ? r.ToString(CultureInfo.InvariantCulture) + "Gb/s" : "rate unknown";
            found.Fault(Condition, $"{state.Name} {actual}", $">= {min.ToString(CultureInfo.InvariantCulture)}Gb/s");
        }

        if (linkLayer is not null && !string.Equals(state.LinkLayer, linkLayer, StringComparison.OrdinalIgnoreCase))
        {
            found.Fault(Condition, $"{state.Name} {state.LinkLayer ?? "link layer unknown"}", linkLayer);
        }
    }

    private string[] Devices(IHostProbe probe, FindingList found)
    {
        if (device is not null)
        {
            return [device];
        }

        var devices = probe.ListDirectory(Root)?.Order(StringComparer.Ordinal).ToArray() ?? [];
        if (devices.Length == 0)
        {
            // A node configured for this check without any RDMA device has lost its HCA or its driver.
            found.Fault(Condition, "no IB device", "ACTIVE ports");
        }

        return devices;
    }

    private IEnumerable<string> Ports(IHostProbe probe, string dev, FindingList found)
    {
        if (port is { } p)
        {
            var name = p.ToString(CultureInfo.InvariantCulture);
            if (probe.Stat($"{Root}/{dev}/ports/{name}") is null)
            {
                found.Fault(Condition, $"{dev}/{name} missing", "present");
                return [];
            }

            return [name];
        }

        if (probe.ListDirectory($"{Root}/{dev}/ports") is not { Count: > 0 } ports)
        {
            found.Fault(Condition, $"{dev} missing", "present");
            return [];
        }

        return ports.Order(StringComparer.Ordinal);
    }

    private static IbPortCheck Create(ConfigSection section) => new(
        section.Optional("device", CheckSettings.PathComponent),
        section.OptionalInt("port", 1, 255),
        section.OptionalNumber("min_rate", 0, 100_000),
        section.Optional("link_layer", ConfigRules.OneOf(["InfiniBand", "Ethernet"])),
        section.OptionalInt("min_ports", 1, 4096));
}
