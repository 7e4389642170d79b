namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Splits `scontrol show … -o` output: one record per line, "Key=Value" fields separated by spaces.
/// Values may contain spaces (OS=Linux 6.1.0 #1 SMP …): a word that does not start a new "Key=" field
/// belongs to the previous value. Free text that may hold "Key=" words (a node's Reason, Comment,
/// Extra) cannot be split this way; <see cref="ScontrolNodeParser"/> reads those from the multi-line form.
/// </summary>
public static class ScontrolRecords
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text)
    {
        var records = new List<IReadOnlyDictionary<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith("No ", StringComparison.Ordinal))
            {
                continue;
            }

            records.Add(ParseLine(line));
        }

        return records;
    }

    public static IReadOnlyDictionary<string, string> ParseLine(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        var value = new System.Text.StringBuilder();
        foreach (var word in line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && IsKey(word.AsSpan(0, eq)))
            {
                Flush(fields, key, value);
                key = word[..eq];
                value.Append(word, eq + 1, word.Length - eq - 1);
            }
            else if (key is not null)
            {
                value.Append(' ').Append(word);
            }
        }

        Flush(fields, key, value);
        return fields;
    }

    private static void Flush(Dictionary<string, string> fields, string? key, System.Text.StringBuilder value)
    {
        if (key is not null)
        {
            fields[key] = value.ToString();
        }

        value.Clear();
    }

    private static bool IsKey(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || !char.IsAsciiLetterUpper(word[0]))
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not ':' and not '/' and not '.')
            {
                return false;
            }
        }

        return true;
    }
}
