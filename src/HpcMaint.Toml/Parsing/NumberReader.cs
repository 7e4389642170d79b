using System.Globalization;

namespace HpcMaint.Toml.Parsing;

/// <summary>Reads integers (decimal, <c>0x</c>, <c>0o</c>, <c>0b</c>) and floats (incl. <c>inf</c>, <c>nan</c>).</summary>
internal static class NumberReader
{
    private const int StackLimit = 128;

    public static TomlValue Read(TomlReader r, TextPosition at)
    {
        var start = r.Mark();
        int from = r.Position;
        while (IsNumberChar(r.Peek()))
        {
            r.Advance();
        }

        var token = r.SliceFrom(from);
        if (token.IsEmpty)
        {
            throw r.Error($"expected a value, found {TomlReader.Describe(r.Peek())}");
        }

        bool signed = token[0] is '+' or '-';
        var body = signed ? token[1..] : token;
        if (body is "inf" or "nan")
        {
            double special = body[0] == 'n' ? double.NaN : token[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return new TomlFloat(special, at.Line, at.Column);
        }

        if (body.Length > 1 && body[0] == '0' && body[1] is 'x' or 'o' or 'b' or 'X' or 'O' or 'B')
        {
            if (signed)
            {
                throw Invalid(r, start, token, "hexadecimal, octal and binary integers cannot have a sign");
            }

            return new TomlInteger(ReadRadix(r, start, token), at.Line, at.Column);
        }

        bool isFloat = ValidateDecimal(r, start, token, body);
        Span<char> buffer = token.Length <= StackLimit ? stackalloc char[StackLimit] : new char[token.Length];
        var digits = WithoutUnderscores(token, buffer);
        if (isFloat)
        {
            double d = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
            return new TomlFloat(d, at.Line, at.Column);
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Invalid(r, start, token, "integer does not fit in 64 bits");
        }

        return new TomlInteger(value, at.Line, at.Column);
    }

    private static bool IsNumberChar(int c) =>
        c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or '.' or '+' or '-';

    /// <summary>Checks <c>[+-]int[.digits][e[+-]digits]</c>; returns true when it is a float.</summary>
    private static bool ValidateDecimal(TomlReader r, TextPosition start, ReadOnlySpan<char> token, ReadOnlySpan<char> body)
    {
        int i = 0;
        int intDigits = Digits(r, start, token, body, ref i, 10);
        if (intDigits == 0)
        {
            throw Invalid(r, start, token, "expected digits");
        }

        if (intDigits > 1 && body[0] == '0')
        {
            throw Invalid(r, start, token, "leading zeros are not allowed");
        }

        bool isFloat = false;
        if (i < body.Length && body[i] == '.')
        {
            i++;
            if (Digits(r, start, token, body, ref i, 10) == 0)
            {
                throw Invalid(r, start, token, "a decimal point must be followed by digits");
            }

            isFloat = true;
        }

        if (i < body.Length && body[i] is 'e' or 'E')
        {
            i++;
            if (i < body.Length && body[i] is '+' or '-')
            {
                i++;
            }

            if (Digits(r, start, token, body, ref i, 10) == 0)
            {
                throw Invalid(r, start, token, "an exponent needs digits");
            }

            isFloat = true;
        }

        if (i != body.Length)
        {
            throw Invalid(r, start, token, $"unexpected '{body[i]}'");
        }

        return isFloat;
    }

    private static long ReadRadix(TomlReader r, TextPosition start, ReadOnlySpan<char> token)
    {
        char prefix = token[1];
        int radix = prefix switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 0 };
        if (radix == 0)
        {
            throw Invalid(r, start, token, $"the prefix must be lower case (0{char.ToLowerInvariant(prefix)})");
        }

        var body = token[2..];
        int i = 0;
        if (Digits(r, start, token, body, ref i, radix) == 0 || i != body.Length)
        {
            throw Invalid(r, start, token, $"expected base-{radix} digits after 0{prefix}");
        }

        ulong value = 0;
        foreach (char c in body)
        {
            if (c == '_')
            {
                continue;
            }

            value = (value * (ulong)radix) + (ulong)DigitValue(c);
            if (value > long.MaxValue)
            {
                throw Invalid(r, start, token, "integer does not fit in 64 bits");
            }
        }

        return (long)value;
    }

    /// <summary>Reads digits with single underscores between them; returns how many digits.</summary>
    private static int Digits(TomlReader r, TextPosition start, ReadOnlySpan<char> token, ReadOnlySpan<char> body, ref int i, int radix)
    {
        int count = 0;
        while (i < body.Length)
        {
            char c = body[i];
            if (c == '_')
            {
                if (count == 0 || i + 1 >= body.Length || !IsDigit(body[i + 1], radix))
                {
                    throw Invalid(r, start, token, "an underscore must sit between two digits");
                }

                i++;
                continue;
            }

            if (!IsDigit(c, radix))
            {
                break;
            }

            count++;
            i++;
        }

        return count;
    }

    private static bool IsDigit(char c, int radix)
    {
        int d = DigitValue(c);
        return d >= 0 && d < radix;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static ReadOnlySpan<char> WithoutUnderscores(ReadOnlySpan<char> token, Span<char> buffer)
    {
        int n = 0;
        foreach (char c in token)
        {
            if (c != '_')
            {
                buffer[n++] = c;
            }
        }

        return buffer[..n];
    }

    private static TomlException Invalid(TomlReader r, TextPosition start, ReadOnlySpan<char> token, string reason) =>
        r.Error(start, $"invalid number '{token}': {reason}");
}
