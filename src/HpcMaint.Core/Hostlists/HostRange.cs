namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Slurm's unit of a host list: a prefix with a run of numbers printed with at least
/// <see cref="Width"/> digits (<c>gpu</c>, 8..11, width 3 = gpu008..gpu011), or a single name
/// that has no trailing number. The prefix is usually a slice of the caller's text, so building
/// ranges copies nothing.
/// </summary>
internal readonly record struct HostRange(ReadOnlyMemory<char> Prefix, ulong Lo, ulong Hi, int Width, bool IsSingle)
{
    public static HostRange Single(ReadOnlyMemory<char> name) => new(name, 0, 0, 0, true);

    /// <summary>How many names; wraps around like Slurm's unsigned arithmetic.</summary>
    public ulong Count => IsSingle ? 1 : unchecked(Hi - Lo + 1);

    /// <summary>Whether Slurm prints the two in one pair of brackets: both numbered, same prefix.</summary>
    public bool SharesBracketsWith(HostRange other) =>
        !IsSingle && !other.IsSingle && NaturalText.AreEqual(Prefix.Span, other.Prefix.Span);
}
