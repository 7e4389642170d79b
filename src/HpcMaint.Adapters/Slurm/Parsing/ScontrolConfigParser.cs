namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>`scontrol show config`: lines of "Name = value"; hpcmaint reads SlurmUser ("slurm(64030)") and PreemptType.</summary>
internal static class ScontrolConfigParser
{
    public static string? SlurmUser(string text) =>
        Value(text, "SlurmUser") is { } value && (value.IndexOf('(', StringComparison.Ordinal) is var uid and >= 0 ? value[..uid] : value).Trim() is { Length: > 0 } name
            ? name
            : null;

    /// <summary>PreemptType ("preempt/none", "preempt/partition_prio", "preempt/qos"); null when the line is missing.</summary>
    public static string? PreemptType(string text) => Value(text, "PreemptType") is { Length: > 0 } value ? value : null;

    private static string? Value(string text, string key)
    {
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && line.AsSpan(0, equals).Trim().SequenceEqual(key))
            {
                return line[(equals + 1)..].Trim();
            }
        }

        return null;
    }
}
