using System.Globalization;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// Finds NVIDIA Xid events in kernel log text: plain dmesg ("[ 12.3] NVRM: Xid …"), <c>dmesg -T</c>
/// ("[Sun Feb 23 16:24:18 2025] …"), <c>dmesg --time-format iso</c> and its decoded form
/// ("kern  :warn  : 2025-01-21T04:41:44,283302+00:00 NVRM: Xid …"). Older drivers omit "PCI:".
/// </summary>
internal static class KernelLogXid
{
    private const string Marker = "NVRM: Xid (";

    /// <param name="localZone">The zone <c>dmesg -T</c> printed its times in.</param>
    public static List<XidEvent> Parse(string log, TimeZoneInfo localZone)
    {
        var events = new List<XidEvent>();
        foreach (var line in new LineSplitter(log))
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0 && Event(line, at, localZone) is { } e)
            {
                events.Add(e);
            }
        }

        return events;
    }

    // body: "PCI:0000:19:00): 48, pid='<unknown>', …" or "0000:03:00): 14, Channel 00000001"
    private static XidEvent? Event(ReadOnlySpan<char> line, int at, TimeZoneInfo localZone)
    {
        var prefix = line[..at];
        var body = line[(at + Marker.Length)..];
        var close = body.IndexOf("):", StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }

        var device = body[..close];
        if (device.StartsWith("PCI:", StringComparison.Ordinal))
        {
            device = device[4..];
        }

        var rest = body[(close + 2)..].TrimStart();
        var end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }

        if (!int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var xid))
        {
            return null;
        }

        var (when, sinceBoot) = Time(prefix.Trim(), localZone);
        return new XidEvent(device.ToString(), xid, when, sinceBoot, line.ToString());
    }

    private static (DateTimeOffset? When, double? SinceBoot) Time(ReadOnlySpan<char> prefix, TimeZoneInfo localZone)
    {
        if (prefix.StartsWith('['))
        {
            var close = prefix.IndexOf(']');
            var inside = close > 0 ? prefix[1..close].Trim() : prefix[1..];
            if (double.TryParse(inside, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return (null, seconds);
            }

            // dmesg -T: "Sun Feb 23 16:24:18 2025", local time.
            return DateTime.TryParseExact(inside, "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var local)
                ? (new DateTimeOffset(local, localZone.GetUtcOffset(local)), null)
                : (null, null);
        }

        // ISO: the last word before "NVRM:", "2025-01-21T04:41:44,283302+00:00" (dmesg writes a comma).
        var space = prefix.LastIndexOf(' ');
        var word = (space >= 0 ? prefix[(space + 1)..] : prefix).ToString().Replace(',', '.');
        return DateTimeOffset.TryParse(word, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? (when, null)
            : (null, null);
    }
}
