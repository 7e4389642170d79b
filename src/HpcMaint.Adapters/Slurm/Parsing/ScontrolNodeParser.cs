using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Parses one node from the multi-line `scontrol show node NAME`. sinfo --json cannot ask for one node
/// in 22.05 (it ignores -n), and the one-line form cannot be split safely: Reason, Comment and Extra
/// are free text with spaces. In the multi-line form each of those sits alone on its own line.
/// </summary>
public static class ScontrolNodeParser
{
    private static readonly string[] WholeLineKeys = ["Reason", "Comment", "Extra", "OS"];

    public static Node Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimStart();
            var key = WholeLineKeys.FirstOrDefault(k => line.StartsWith(k + "=", StringComparison.Ordinal));
            if (key is not null)
            {
                fields[key] = line[(key.Length + 1)..].TrimEnd();
                continue;
            }

            foreach (var (k, v) in ScontrolRecords.ParseLine(line))
            {
                fields[k] = v;
            }
        }

        var name = NodeNames.Checked(ScontrolValues.Text(fields, "NodeName") ?? throw new SlurmParseException("scontrol show node", "no NodeName in the output"), "scontrol show node");
        var (reason, setBy, reasonTime) = SplitReason(ScontrolValues.Text(fields, "Reason"));
        return new Node(
            name,
            NodeStateText.Parse(ScontrolValues.Text(fields, "State") ?? "UNKNOWN"),
            reason,
            setBy,
            reasonTime,
            ScontrolValues.Time(fields, "BootTime"),
            ScontrolValues.Time(fields, "SlurmdStartTime"),
            ScontrolValues.List(fields, "Partitions"),
            ScontrolValues.List(fields, "AvailableFeatures"),
            ScontrolValues.List(fields, "ActiveFeatures"),
            ScontrolValues.Text(fields, "Comment"),
            ScontrolValues.Text(fields, "Extra"),
            ScontrolValues.Text(fields, "NextState"));
    }

    /// <summary>"text [root@2026-11-21T10:55:03]" → the text, who set it and when (local time).</summary>
    private static (string? Reason, string? SetBy, DateTimeOffset? At) SplitReason(string? value)
    {
        if (value is null || !value.EndsWith(']'))
        {
            return (value, null, null);
        }

        var open = value.LastIndexOf(" [", StringComparison.Ordinal);
        var at = open < 0 ? -1 : value.IndexOf('@', open);
        if (open < 0 || at < 0)
        {
            return (value, null, null);
        }

        return (value[..open], value[(open + 2)..at], ScontrolValues.LocalTime(value[(at + 1)..^1]));
    }
}
