using HpcMaint.Toml.Parsing;

namespace HpcMaint.Toml;

/// <summary>
/// A TOML date and/or time. <see cref="Text"/> prints it back exactly (RFC 3339 with <c>T</c> and <c>Z</c>
/// upper-cased, fractional digits as written); the typed properties are for computing with it.
/// </summary>
public sealed class TomlDateTime : TomlValue
{
    internal TomlDateTime(TomlDateTimeKind dateTimeKind, string text, DateParts parts, int line, int column)
        : base(line, column)
    {
        DateTimeKind = dateTimeKind;
        Text = text;
        if (dateTimeKind != TomlDateTimeKind.LocalTime && parts.Year >= 1)
        {
            Date = new DateOnly(parts.Year, parts.Month, parts.Day);
        }

        if (dateTimeKind != TomlDateTimeKind.LocalDate)
        {
            // TimeOnly has no leap second: 23:59:60 is held as the last tick of the minute.
            Time = parts.Second == 60
                ? new TimeOnly(parts.Hour, parts.Minute, 59).Add(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - 1))
                : new TimeOnly(parts.Hour, parts.Minute, parts.Second).Add(TimeSpan.FromTicks(parts.FractionTicks));
        }

        if (dateTimeKind == TomlDateTimeKind.OffsetDateTime)
        {
            Offset = TimeSpan.FromMinutes(parts.OffsetMinutes);
            Value = ToDateTimeOffset(Date, Time!.Value, Offset.Value);
        }
    }

    public override TomlValueKind Kind => TomlValueKind.DateTime;

    public TomlDateTimeKind DateTimeKind { get; }

    /// <summary>Normalised RFC 3339 text, e.g. <c>1979-05-27T07:32:00.5-07:00</c> or <c>07:32:00</c>.</summary>
    public string Text { get; }

    /// <summary>The date part; null for a local time, and for year 0, which .NET cannot represent.</summary>
    public DateOnly? Date { get; }

    /// <summary>The time part (100 ns precision, extra digits truncated); null for a local date.</summary>
    public TimeOnly? Time { get; }

    /// <summary>The UTC offset of an offset date-time; null for the local kinds.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>
    /// The instant of an offset date-time; null for the local kinds and where .NET cannot hold the instant
    /// (year 0, or the UTC time leaving years 1..9999). Offsets beyond .NET's ±14 h are converted to UTC.
    /// </summary>
    public DateTimeOffset? Value { get; }

    public override string ToString() => Text;

    private static DateTimeOffset? ToDateTimeOffset(DateOnly? date, TimeOnly time, TimeSpan offset)
    {
        if (date is not { } d)
        {
            return null;
        }

        long localTicks = d.ToDateTime(time).Ticks;
        long utcTicks = localTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return offset.Duration() <= TimeSpan.FromHours(14)
            ? new DateTimeOffset(localTicks, offset)
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }
}
