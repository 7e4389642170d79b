using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Health;

/// <summary>Which nodes a check runs on: all, a Slurm hostlist ("gpu[001-128]"), or a glob ("gpu*").</summary>
public sealed class HostTarget
{
    private readonly HashSet<string>? names;
    private readonly string? glob;

    private HostTarget(string text, HashSet<string>? names, string? glob)
    {
        Text = text;
        this.names = names;
        this.glob = glob;
    }

    public static HostTarget All { get; } = new("*", null, "*");

    public string Text { get; }

    /// <summary>Parses the <c>hosts</c> key; null with <paramref name="problem"/> set when it is not valid.</summary>
    public static HostTarget? TryParse(string text, out string? problem)
    {
        problem = null;
        if (text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal))
        {
            return new HostTarget(text, null, text);
        }

        if (!Hostlist.TryExpand(text, out var expanded, out var error))
        {
            problem = $"\"{text}\" is neither a Slurm hostlist nor a glob: {error.Detail}";
            return null;
        }

        return new HostTarget(text, expanded.ToHashSet(StringComparer.Ordinal), null);
    }

    public bool Matches(string node) => names?.Contains(node) ?? GlobMatch(glob!, node);

    public override string ToString() => Text;

    private static bool GlobMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (!pattern.IsEmpty)
        {
            switch (pattern[0])
            {
                case '*':
                    for (var skip = 0; skip <= name.Length; skip++)
                    {
                        if (GlobMatch(pattern[1..], name[skip..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?' when !name.IsEmpty:
                    break;
                default:
                    if (name.IsEmpty || pattern[0] != name[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            name = name[1..];
        }

        return name.IsEmpty;
    }
}
