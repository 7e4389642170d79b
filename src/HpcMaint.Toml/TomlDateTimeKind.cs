namespace HpcMaint.Toml;

/// <summary>The four date/time types of TOML 1.0.</summary>
public enum TomlDateTimeKind
{
    /// <summary><c>1979-05-27T07:32:00Z</c>, <c>1979-05-27T00:32:00-07:00</c></summary>
    OffsetDateTime,

    /// <summary><c>1979-05-27T07:32:00</c></summary>
    LocalDateTime,

    /// <summary><c>1979-05-27</c></summary>
    LocalDate,

    /// <summary><c>07:32:00</c></summary>
    LocalTime,
}
