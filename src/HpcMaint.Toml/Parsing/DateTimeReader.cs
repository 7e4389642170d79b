namespace HpcMaint.Toml.Parsing;

/// <summary>Reads the RFC 3339 dates and times TOML allows, checking every field's range.</summary>
internal static class DateTimeReader
{
    private const int StackLimit = 64;

    /// <summary>True when the text at the cursor starts like <c>1979-</c> or <c>07:</c>, i.e. is not a number.</summary>
    public static bool LooksLikeDateOrTime(TomlReader r) =>
        (IsDigit(r.PeekAt(0)) && IsDigit(r.PeekAt(1)) && IsDigit(r.PeekAt(2)) && IsDigit(r.PeekAt(3)) && r.PeekAt(4) == '-')
        || (IsDigit(r.PeekAt(0)) && IsDigit(r.PeekAt(1)) && r.PeekAt(2) == ':');

    public static TomlDateTime Read(TomlReader r, TextPosition at)
    {
        int from = r.Position;
        TomlDateTimeKind kind;
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, fractionTicks = 0, offsetMinutes = 0;
        if (r.PeekAt(2) == ':')
        {
            kind = TomlDateTimeKind.LocalTime;
            ReadTime(r, out hour, out minute, out second, out fractionTicks);
        }
        else
        {
            ReadDate(r, out year, out month, out day);
            int c = r.Peek();

            // RFC 3339 allows a space instead of T; a space then a digit starts the time.
            if (c is 'T' or 't' || (c == ' ' && IsDigit(r.PeekAt(1))))
            {
                r.Advance();
                ReadTime(r, out hour, out minute, out second, out fractionTicks);
                kind = TryReadOffset(r, out offsetMinutes) ? TomlDateTimeKind.OffsetDateTime : TomlDateTimeKind.LocalDateTime;
            }
            else
            {
                kind = TomlDateTimeKind.LocalDate;
            }
        }

        var parts = new DateParts(year, month, day, hour, minute, second, fractionTicks, offsetMinutes);
        return new TomlDateTime(kind, Normalise(r.SliceFrom(from)), parts, at.Line, at.Column);
    }

    private static void ReadDate(TomlReader r, out int year, out int month, out int day)
    {
        year = (ReadTwoDigits(r, "year") * 100) + ReadTwoDigits(r, "year");
        Expect(r, '-', "between year and month");
        var monthAt = r.Mark();
        month = ReadTwoDigits(r, "month");
        Expect(r, '-', "between month and day");
        var dayAt = r.Mark();
        day = ReadTwoDigits(r, "day");
        if (month is < 1 or > 12)
        {
            throw r.Error(monthAt, $"month {month:D2} is out of range (01-12)");
        }

        int days = DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            throw r.Error(dayAt, $"day {day:D2} is out of range for {year:D4}-{month:D2} (01-{days})");
        }
    }

    private static void ReadTime(TomlReader r, out int hour, out int minute, out int second, out int fractionTicks)
    {
        var hourAt = r.Mark();
        hour = ReadTwoDigits(r, "hour");
        Expect(r, ':', "between hour and minute");
        var minuteAt = r.Mark();
        minute = ReadTwoDigits(r, "minute");
        if (r.Peek() != ':')
        {
            throw r.Error("expected ':' and seconds: TOML 1.0 times need seconds (HH:MM:SS)");
        }

        r.Advance();
        var secondAt = r.Mark();
        second = ReadTwoDigits(r, "second");
        fractionTicks = 0;
        if (r.Peek() == '.')
        {
            r.Advance();
            if (!IsDigit(r.Peek()))
            {
                throw r.Error("expected digits after the decimal point of the seconds");
            }

            // Ticks are 100 ns: keep seven digits, truncate the rest.
            int digits = 0;
            while (IsDigit(r.Peek()))
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (r.Peek() - '0');
                    digits++;
                }

                r.Advance();
            }

            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }

        if (hour > 23)
        {
            throw r.Error(hourAt, $"hour {hour:D2} is out of range (00-23)");
        }

        if (minute > 59)
        {
            throw r.Error(minuteAt, $"minute {minute:D2} is out of range (00-59)");
        }

        if (second > 60)
        {
            throw r.Error(secondAt, $"second {second:D2} is out of range (00-60)");
        }
    }

    private static bool TryReadOffset(TomlReader r, out int offsetMinutes)
    {
        offsetMinutes = 0;
        int c = r.Peek();
        if (c is 'Z' or 'z')
        {
            r.Advance();
            return true;
        }

        if (c is not ('+' or '-'))
        {
            return false;
        }

        r.Advance();
        var hourAt = r.Mark();
        int hours = ReadTwoDigits(r, "offset hour");
        Expect(r, ':', "in the UTC offset (+HH:MM)");
        var minuteAt = r.Mark();
        int minutes = ReadTwoDigits(r, "offset minute");
        if (hours > 23)
        {
            throw r.Error(hourAt, $"offset hour {hours:D2} is out of range (00-23)");
        }

        if (minutes > 59)
        {
            throw r.Error(minuteAt, $"offset minute {minutes:D2} is out of range (00-59)");
        }

        offsetMinutes = (c == '-' ? -1 : 1) * ((hours * 60) + minutes);
        return true;
    }

    private static int ReadTwoDigits(TomlReader r, string field)
    {
        int a = r.Peek();
        int b = r.PeekAt(1);
        if (!IsDigit(a) || !IsDigit(b))
        {
            throw r.Error($"expected two digits for the {field}");
        }

        r.Advance(2);
        return ((a - '0') * 10) + (b - '0');
    }

    private static void Expect(TomlReader r, char expected, string where)
    {
        if (r.Peek() != expected)
        {
            throw r.Error($"expected '{expected}' {where}, found {TomlReader.Describe(r.Peek())}");
        }

        r.Advance();
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    /// <summary>The literal as written, with the date/time separator as <c>T</c> and a <c>Z</c> offset upper-cased.</summary>
    private static string Normalise(ReadOnlySpan<char> literal)
    {
        Span<char> buffer = literal.Length <= StackLimit ? stackalloc char[StackLimit] : new char[literal.Length];
        var text = buffer[..literal.Length];
        literal.CopyTo(text);
        if (text.Length > 10 && text[10] is ' ' or 't')
        {
            text[10] = 'T';
        }

        if (text[^1] == 'z')
        {
            text[^1] = 'Z';
        }

        return new string(text);
    }
}
