namespace HpcMaint.Core.Service;

/// <summary>
/// Is a maintenance window open now, and if not, when does the next one open. Pure: the windows and
/// `now` in. Each window is laid out on the local calendar of its zone (a day before now to eight days
/// after: a whole week and a window crossing midnight from the day before), so a window crossing
/// midnight or a change of daylight saving time is judged on the wall clock the operator wrote.
/// </summary>
public static class MaintenanceWindows
{
    public static WindowState At(IReadOnlyList<MaintenanceWindow> windows, DateTimeOffset now)
    {
        if (windows.Count == 0)
        {
            return WindowState.Always;
        }

        DateTimeOffset? closes = null;
        DateTimeOffset? next = null;
        MaintenanceWindow? openOne = null;
        MaintenanceWindow? nextOne = null;
        foreach (var window in windows)
        {
            foreach (var (start, end) in Occurrences(window, now))
            {
                if (start <= now && now < end)
                {
                    if (closes is null || end > closes)
                    {
                        (closes, openOne) = (end, window);
                    }
                }
                else if (start > now && (next is null || start < next))
                {
                    (next, nextOne) = (start, window);
                }
            }
        }

        return openOne is not null
            ? new WindowState(true, closes, null, $"maintenance window {openOne} is open until {closes!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
            : new WindowState(false, null, next, next is { } at
                ? $"outside every maintenance window; {nextOne} opens at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
                : "outside every maintenance window");
    }

    /// <summary>The window's openings from the day before <paramref name="now"/> (local) to eight days after.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(MaintenanceWindow window, DateTimeOffset now)
    {
        var openings = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, window.Zone).DateTime);
        for (var offset = -1; offset <= 8; offset++)
        {
            var day = today.AddDays(offset);
            if (window.Days.Contains(day.DayOfWeek))
            {
                var start = Instant(window.Zone, day.ToDateTime(window.Start));
                var endDay = window.End > window.Start ? day : day.AddDays(1);
                openings.Add((start, Instant(window.Zone, endDay.ToDateTime(window.End))));
            }
        }

        return openings;
    }

    /// <summary>A wall-clock time in the zone as an instant; a time skipped by a clock change counts as the first moment after it.</summary>
    private static DateTimeOffset Instant(TimeZoneInfo zone, DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
