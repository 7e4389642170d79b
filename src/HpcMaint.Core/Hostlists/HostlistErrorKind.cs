namespace HpcMaint.Core.Hostlists;

/// <summary>What is wrong with a hostlist expression that Slurm would reject.</summary>
public enum HostlistErrorKind
{
    /// <summary>A bracket element is not a number or a <c>lo-hi</c> range, or the range runs backwards.</summary>
    InvalidRange,

    /// <summary>One range inside brackets has more than 65,536 numbers (Slurm's per-range limit).</summary>
    RangeTooLarge,

    /// <summary>A bracket group that is followed by another one has more than 65,536 values.</summary>
    BracketGroupTooLarge,

    /// <summary>The last bracket group of a name is followed by text, as in <c>node[1-2]a</c>.</summary>
    TextAfterBracket,

    /// <summary>The expression expands to more than <see cref="Hostlist.MaxNames"/> names.</summary>
    TooManyNames,

    /// <summary>A range reaches 18446744073709551615, where Slurm itself crashes or never finishes.</summary>
    NumberTooLarge,
}
