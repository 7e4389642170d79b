using System.Globalization;
using System.Text;
using System.Runtime.InteropServices;
using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Metrics;

/// <summary>
/// A textfile of counters that outlive the process counting them: each short-lived hpcmaint-reboot
/// or rebuild run adds its increments to what the file already says, under an exclusive lock (a
/// sibling .lock file), and replaces the file atomically. A lost file restarts the counters at zero,
/// which Prometheus reads as a counter reset.
/// </summary>
public static class CounterFile
{
    /// <summary>Adds the increments; returns what went wrong (the file is then unchanged), or null.</summary>
    public static string? Add(string path, IReadOnlyList<CounterIncrement> increments)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Our own descriptor and a blocking flock: .NET's FileStream takes a non-blocking flock of its
            // own, so a second writer would fail instead of waiting its turn.
            var fd = LibC.Open(path + ".lock", LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0b110_000_000);
            if (fd < 0)
            {
                return $"cannot open {path}.lock: {LibC.Describe(Marshal.GetLastPInvokeError())}";
            }

            try
            {
                while (LibC.Flock(fd, LibC.LOCK_EX) != 0)
                {
                    if (Marshal.GetLastPInvokeError() != LibC.EINTR)
                    {
                        return $"cannot lock {path}.lock: {LibC.Describe(Marshal.GetLastPInvokeError())}";
                    }
                }

                AddLocked(path, increments);
                return null;
            }
            finally
            {
                _ = LibC.Close(fd);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static void AddLocked(string path, IReadOnlyList<CounterIncrement> increments)
    {
        var families = Read(path);
        foreach (var inc in increments)
        {
            if (!families.TryGetValue(inc.Family, out var family))
            {
                family = new Family(inc.Type.ToString().ToLowerInvariant(), inc.Help, new SortedDictionary<string, double>(StringComparer.Ordinal));
                families[inc.Family] = family;
            }

            var key = inc.Sample + Labels(inc.Labels);
            family.Samples[key] = family.Samples.GetValueOrDefault(key) + inc.Amount;
        }

        AtomicFile.Replace(path, Encoding.UTF8.GetBytes(Write(families)), mode: AtomicFile.ReadableByAll);
    }

    private static string Labels(IReadOnlyList<(string Name, string Value)> labels) =>
        labels.Count == 0 ? string.Empty : "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{MetricsText.EscapeLabel(l.Value)}\"")) + "}";

    private static string Write(SortedDictionary<string, Family> families)
    {
        var text = new StringBuilder();
        foreach (var (name, family) in families)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(family.Help).Append('\n')
                .Append("# TYPE ").Append(name).Append(' ').Append(family.Type).Append('\n');
            foreach (var (sample, value) in family.Samples)
            {
                text.Append(sample).Append(' ').Append(MetricsText.Number(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    // Reads back only what Write produced; anything else in the file (a hand edit, a torn copy) is dropped.
    private static SortedDictionary<string, Family> Read(string path)
    {
        var families = new SortedDictionary<string, Family>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return families;
        }

        Family? current = null;
        string? help = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                help = line[(line.IndexOf(' ', 7) + 1)..];
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal) && line[7..].Split(' ') is [var name, var type])
            {
                current = new Family(type, help ?? name, new SortedDictionary<string, double>(StringComparer.Ordinal));
                families[name] = current;
            }
            else if (current is not null && line.LastIndexOf(' ') is var space and > 0
                && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                current.Samples[line[..space]] = value;
            }
        }

        return families;
    }

    private sealed record Family(string Type, string Help, SortedDictionary<string, double> Samples);
}

/// <summary>Adds <see cref="Amount"/> to one sample of a counter family (or of a summary's _sum/_count).</summary>
public sealed record CounterIncrement(string Family, MetricType Type, string Help, string Sample, double Amount, IReadOnlyList<(string Name, string Value)> Labels)
{
    public static CounterIncrement Count(string family, string help, params (string Name, string Value)[] labels) =>
        new(family, MetricType.Counter, help, family, 1, labels);

    /// <summary>One observation of a duration: a summary's _sum and _count (no quantiles).</summary>
    public static IEnumerable<CounterIncrement> Duration(string family, string help, TimeSpan duration, params (string Name, string Value)[] labels) =>
    [
        new(family, MetricType.Summary, help, family + "_sum", duration.TotalSeconds, labels),
        new(family, MetricType.Summary, help, family + "_count", 1, labels),
    ];
}
