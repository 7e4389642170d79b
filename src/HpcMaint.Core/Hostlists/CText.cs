namespace HpcMaint.Core.Hostlists;

/// <summary>Character classes as Slurm's C code sees them (C locale <c>isspace</c>, <c>isdigit</c>).</summary>
internal static class CText
{
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>The separators between hostlist tokens: comma, space and tab.</summary>
    public static bool IsSeparator(char c) => c is ',' or ' ' or '\t';
}
