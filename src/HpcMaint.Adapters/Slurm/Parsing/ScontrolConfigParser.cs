namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>`scontrol show config`: lines of "Name = value"; hpcmaint reads only SlurmUser ("slurm(64030)").</summary>
internal static class ScontrolConfigParser
{
    public static string? SlurmUser(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && line.AsSpan(0, equals).Trim().SequenceEqual("SlurmUser"))
            {
                var value = line[(equals + 1)..].Trim();
                var uid = value.IndexOf('(', StringComparison.Ordinal);
                var name = (uid >= 0 ? value[..uid] : value).Trim();
                return name.Length > 0 ? name : null;
            }
        }

        return null;
    }
}
