namespace HpcMaint.Core.Service;

/// <summary>Day names as the config writes them: "mon" … "sun", a range "mon-fri" (wrapping: "fri-mon"), a list.</summary>
public static class MaintenanceDays
{
    private static readonly string[] Names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static string Name(DayOfWeek day) => Names[(int)day];

    /// <summary>The days one entry names ("sat" or "mon-fri"), or null with the problem and what to write.</summary>
    public static IReadOnlySet<DayOfWeek>? TryParse(string text, out string? problem)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = Day(dash < 0 ? text : text[..dash]);
        var last = dash < 0 ? first : Day(text[(dash + 1)..]);
        if (first is not { } from || last is not { } to)
        {
            problem = $"\"{text}\" is not a day or a range of days; write one of {string.Join(", ", Names)}, or a range such as \"mon-fri\"";
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        for (var d = (int)from; ; d = (d + 1) % 7)
        {
            days.Add((DayOfWeek)d);
            if (d == (int)to)
            {
                break;
            }
        }

        problem = null;
        return days;
    }

    private static DayOfWeek? Day(string name)
    {
        var i = Array.IndexOf(Names, name.Trim().ToLowerInvariant());
        return i < 0 ? null : (DayOfWeek)i;
    }
}
