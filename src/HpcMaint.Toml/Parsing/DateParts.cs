namespace HpcMaint.Toml.Parsing;

/// <summary>Validated fields of a TOML date/time literal, as the parser hands them to <see cref="TomlDateTime"/>.</summary>
internal readonly record struct DateParts(
    int Year,
    int Month,
    int Day,
    int Hour,
    int Minute,
    int Second,
    int FractionTicks,
    int OffsetMinutes);
