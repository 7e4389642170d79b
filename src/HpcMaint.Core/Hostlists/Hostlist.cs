using System.Diagnostics.CodeAnalysis;

namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Slurm hostlist expressions such as <c>gpu[001-004,007],login1</c>, expanded and compressed
/// exactly as Slurm 22.05's <c>scontrol show hostnames</c> and <c>scontrol show hostlist</c> do.
/// </summary>
/// <remarks>
/// <para>Order and duplicates are kept in both directions; nothing is sorted. Compressing joins a
/// name into the range before it only when it continues that range (same prefix, next number,
/// compatible zero padding): <c>n3,n1,n2,n2</c> becomes <c>n[3,1-2,2]</c>, <c>n1,gpu1,n2</c> stays
/// <c>n1,gpu1,n2</c>, <c>n1,n01</c> becomes <c>n[1,01]</c> and <c>n9,n10</c> becomes <c>n[9-10]</c>.</para>
/// <para>Malformed expressions: <see cref="Expand"/> throws <see cref="HostlistException"/>;
/// <see cref="TryExpand"/> returns the same <see cref="HostlistError"/> as a value (offset, kind,
/// message). An expression is malformed when scontrol rejects it, and also where scontrol prints
/// only part of the names: an invalid bracket group followed by another group (<c>a[z]b[1-2]c[1]</c>:
/// scontrol reports the error but prints the rest) or such a group with more than 65,536 values
/// (scontrol silently drops names). A partial node list is worse than none.</para>
/// <para>Deliberate differences from scontrol, all far outside real node names: more than
/// <see cref="MaxNames"/> names is an error (scontrol prints the names or, past 2^31, nothing);
/// ranges that reach 18446744073709551615 are an error (scontrol crashes or never finishes);
/// the range <c>0-18446744073709551615</c> is an error (scontrol's size check wraps around).</para>
/// </remarks>
public static class Hostlist
{
    /// <summary>The most names an expression may expand to.</summary>
    public const int MaxNames = 1 << 22;

    /// <summary>The names an expression stands for, in Slurm's order.</summary>
    /// <exception cref="HostlistException">The expression is malformed.</exception>
    public static IReadOnlyList<string> Expand(string expression) =>
        TryExpand(expression, out var names, out var error) ? names : throw new HostlistException(error);

    /// <summary>Like <see cref="Expand"/>, with a malformed expression reported as <paramref name="error"/>.</summary>
    public static bool TryExpand(
        string expression, out IReadOnlyList<string> names, [NotNullWhen(false)] out HostlistError? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        names = [];
        var writer = new NameListWriter();
        var builder = new HostRangeBuilder(writer);
        error = ExpressionParser.Parse(expression, builder);
        if (error is not null)
        {
            return false;
        }

        builder.Finish();
        if (writer.ReachedLargestNumber)
        {
            error = new HostlistError(expression, 0, HostlistErrorKind.NumberTooLarge,
                $"a range reaches {ulong.MaxValue}, which Slurm cannot expand");
            return false;
        }

        names = writer.Names;
        return true;
    }

    /// <summary>
    /// The ranged form Slurm prints for these names, in their order (see the remarks on
    /// <see cref="Hostlist"/>): what <c>scontrol show hostlist</c> prints for the names joined by
    /// commas. Each name is taken whole, as Slurm's <c>hostlist_push_host</c> does: a trailing
    /// number longer than 18446744073709551615 is clamped to it, and a name containing a comma,
    /// space, tab or '[' gives an expression that does not read back as that name.
    /// </summary>
    public static string Compress(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var writer = new RangedTextWriter();
        var builder = new HostRangeBuilder(writer);
        foreach (string name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(names));
            builder.PushName(name.AsMemory());
        }

        builder.Finish();
        return writer.ToString();
    }
}
