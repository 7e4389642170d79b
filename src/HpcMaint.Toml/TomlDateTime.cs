namespace HpcMaint.Toml;

/// <summary>
/// A TOML date and/or time. <see cref="Text"/> prints it back exactly (RFC 3339 with <c>T</c> and <c>Z</c>
/// upper-cased, fractional digits as written); the typed properties are for computing with it.
/// </summary>
public sealed class TomlDateTime : TomlValue
{
    private TomlDateTime(TomlDateTimeKind dateTimeKind, string text, DateTimeOffset value, int line, int column)
        : base(line, column)
    {
        DateTimeKind = dateTimeKind;
        Text = text;
        if (dateTimeKind != TomlDateTimeKind.LocalTime)
        {
            Date = DateOnly.FromDateTime(value.DateTime);
        }

        if (dateTimeKind != TomlDateTimeKind.LocalDate)
        {
            Time = TimeOnly.FromDateTime(value.DateTime);
        }

        if (dateTimeKind == TomlDateTimeKind.OffsetDateTime)
        {
            Offset = value.Offset;
            Value = value;
        }
    }

    public override TomlValueKind Kind => TomlValueKind.DateTime;

    public TomlDateTimeKind DateTimeKind { get; }

    /// <summary>Normalised RFC 3339 text, e.g. <c>1979-05-27T07:32:00.5-07:00</c> or <c>07:32:00</c>.</summary>
    public string Text { get; }

    /// <summary>The date part; null for a local time.</summary>
    public DateOnly? Date { get; }

    /// <summary>The time part (100 ns precision, extra digits truncated); null for a local date.</summary>
    public TimeOnly? Time { get; }

    /// <summary>The UTC offset of an offset date-time; null for the local kinds.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The instant of an offset date-time; null for the local kinds.</summary>
    public DateTimeOffset? Value { get; }

    public override string ToString() => Text;

    /// <summary>
    /// From Tomlyn's value and the text as written. Tomlyn holds every kind in a <see cref="DateTimeOffset"/>,
    /// so it refuses what .NET cannot hold: a leap second (<c>23:59:60</c>), year 0, an offset beyond ±14 h.
    /// </summary>
    internal static TomlDateTime From(Tomlyn.TomlDateTime value, string written, int line, int column)
    {
        var kind = value.Kind switch
        {
            Tomlyn.TomlDateTimeKind.OffsetDateTimeByZ or Tomlyn.TomlDateTimeKind.OffsetDateTimeByNumber => TomlDateTimeKind.OffsetDateTime,
            Tomlyn.TomlDateTimeKind.LocalDateTime => TomlDateTimeKind.LocalDateTime,
            Tomlyn.TomlDateTimeKind.LocalDate => TomlDateTimeKind.LocalDate,
            _ => TomlDateTimeKind.LocalTime,
        };
        return new TomlDateTime(kind, Normalise(written), value.DateTime, line, column);
    }

    /// <summary>RFC 3339's spelling of what TOML also accepts: a space for <c>T</c>, lower-case <c>t</c> and <c>z</c>.</summary>
    private static string Normalise(string written)
    {
        var text = written.ToUpperInvariant();
        return text.Length > 10 && text[10] == ' ' ? string.Concat(text.AsSpan(0, 10), "T", text.AsSpan(11)) : text;
    }
}
