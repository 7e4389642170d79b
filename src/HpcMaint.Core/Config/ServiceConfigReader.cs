using System.Globalization;
using HpcMaint.Core.Service;

namespace HpcMaint.Core.Config;

/// <summary>Reads [service] and the [[maintenance.window]] lines of [maintenance]; every key of [service] is optional.</summary>
public static class ServiceConfigReader
{
    public static ServiceSettings Read(ConfigSection service, ConfigSection maintenance)
    {
        var defaults = new ServiceSettings();
        var settings = new ServiceSettings
        {
            Interval = service.Duration("interval", defaults.Interval, TimeSpan.FromMilliseconds(200), TimeSpan.FromHours(24)),
            Act = service.Bool("act", defaults.Act),
            MetricsFile = service.OptionalPathFor("metrics_file", Trust.PathUse.StateFile),
            Windows = maintenance.Tables("window").Select(Window).OfType<MaintenanceWindow>().ToArray(),
        };
        service.Done();
        maintenance.Done();
        return settings;
    }

    private static MaintenanceWindow? Window(ConfigSection line)
    {
        var days = Days(line);
        var hours = line.Optional("hours");
        (TimeOnly Start, TimeOnly End)? span = null;
        if (hours is null)
        {
            line.Fail("hours", "every [[maintenance.window]] needs hours = \"HH:MM-HH:MM\", e.g. \"22:00-06:00\" (crossing midnight) or \"00:00-00:00\" (all day)");
        }
        else if (Hours(hours) is { } parsed)
        {
            span = parsed;
        }
        else
        {
            line.Fail("hours", $"\"{hours}\" is not a span of hours; write \"HH:MM-HH:MM\", e.g. \"22:00-06:00\"");
        }

        var zoneId = line.String("zone", "UTC");
        var zone = Zone(zoneId);
        if (zone is null)
        {
            line.Fail("zone", $"\"{zoneId}\" is not a time zone this machine knows; write \"UTC\" or a tz database name such as \"Europe/Berlin\" (see /usr/share/zoneinfo)");
        }

        line.Done();
        return days is not null && span is { } s && zone is not null ? new MaintenanceWindow(days, s.Start, s.End, zone) : null;
    }

    private static HashSet<DayOfWeek>? Days(ConfigSection line)
    {
        if (!line.Has("days"))
        {
            line.Fail("days", "every [[maintenance.window]] needs days, e.g. days = [\"sat\", \"sun\"] or days = \"mon-fri\"");
            return null;
        }

        var entries = line.IsString("days") ? [line.Optional("days")!] : line.StringList("days", []);
        if (entries.Count == 0)
        {
            line.Fail("days", "name at least one day, e.g. days = [\"sat\", \"sun\"] or days = \"mon-fri\"");
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var entry in entries)
        {
            if (MaintenanceDays.TryParse(entry, out var problem) is not { } named)
            {
                line.Fail("days", problem!);
                return null;
            }

            days.UnionWith(named);
        }

        return days;
    }

    private static (TimeOnly Start, TimeOnly End)? Hours(string text)
    {
        var parts = text.Split('-');
        return parts.Length == 2 && Clock(parts[0]) is { } start && Clock(parts[1]) is { } end ? (start, end) : null;
    }

    private static TimeOnly? Clock(string text) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    // The tz database of the machine that runs hpcmaint (the config is read where it runs); "UTC" needs none.
    private static TimeZoneInfo? Zone(string id) =>
        id is "UTC" or "utc" ? TimeZoneInfo.Utc
        : TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone
        : null;
}
