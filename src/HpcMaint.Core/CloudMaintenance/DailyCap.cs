using System.Globalization;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// The daily cap of [oci.maintenance]: events taken out of service since 00:00 UTC, counted from hpcmaint's
/// records, plus those this pass takes. A due event is taken past it and counted all the same.
/// </summary>
public sealed class DailyCap(int cap, int usedToday)
{
    public int Cap { get; } = cap;

    /// <summary>Started today before this pass (the events of the group in hand left out), then those this pass takes.</summary>
    public int Used { get; private set; } = usedToday;

    public static DailyCap Of(IReadOnlyDictionary<string, MaintenanceRecord> records, int cap, DateTimeOffset now, IReadOnlySet<string> beingDecided)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new DailyCap(cap, records.Values.Count(r => r.Started >= day && r.Started <= now && !beingDecided.Contains(r.EventId)));
    }

    public bool Admits(int events) => Used + events <= Cap;

    public void Take(int events) => Used += events;

    /// <summary>"daily cap: 3 today + 2 = 5 ≤ 10".</summary>
    public string Arithmetic(int events) => string.Create(
        CultureInfo.InvariantCulture,
        $"daily cap: {Used} today + {events} = {Used + events} {(Admits(events) ? "≤" : ">")} {Cap}");
}
