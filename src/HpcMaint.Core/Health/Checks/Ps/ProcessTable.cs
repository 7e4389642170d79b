using System.Runtime.CompilerServices;

namespace HpcMaint.Core.Health.Checks.Ps;

/// <summary>
/// The processes of the node, listed from /proc once per health run and shared by every ps check of that
/// run. Names (/proc/PID/comm) are read lazily and in order, so a check that finds its daemon early stops
/// early, and no name is read twice; owners and command lines are read only for processes that match.
/// </summary>
internal sealed class ProcessTable
{
    // One table per probe (one health run); a probe kept longer than this gets a fresh listing.
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private static readonly ConditionalWeakTable<IHostProbe, ProcessTable> Tables = new();
    private static readonly Lock TablesGate = new();

    private readonly IHostProbe probe;
    private readonly int[] pids;
    private readonly string?[] names;
    private readonly long listedAt;
    private readonly Lock gate = new();
    private int named;

    private ProcessTable(IHostProbe probe)
    {
        this.probe = probe;
        listedAt = probe.Time.GetTimestamp();
        pids = Pids(probe.ListDirectory("/proc"));
        names = new string?[pids.Length];
    }

    /// <summary>False when /proc could not be listed.</summary>
    public bool Listed => pids.Length > 0;

    public int Count => pids.Length;

    public static ProcessTable Of(IHostProbe probe)
    {
        lock (TablesGate)
        {
            if (!Tables.TryGetValue(probe, out var table) || probe.Time.GetElapsedTime(table.listedAt) > Freshness)
            {
                table = new ProcessTable(probe);
                Tables.AddOrUpdate(probe, table);
            }

            return table;
        }
    }

    public int PidAt(int index) => pids[index];

    /// <summary>The process name (comm, at most 15 characters); null when the process has gone.</summary>
    public string? NameAt(int index)
    {
        if (index < Volatile.Read(ref named))
        {
            return names[index];
        }

        lock (gate)
        {
            while (named <= index)
            {
                names[named] = probe.ReadText($"/proc/{pids[named]}/comm")?.TrimEnd('\n');
                Volatile.Write(ref named, named + 1);
            }

            return names[index];
        }
    }

    /// <summary>The effective user id, from the "Uid:" line of /proc/PID/status (real, effective, saved, fs).</summary>
    public int? UidOf(int pid)
    {
        if (probe.ReadText($"/proc/{pid}/status") is not { } status)
        {
            return null;
        }

        foreach (var line in new LineSplitter(status))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var ids = ProcText.ValueAfterColon(line);
                var tab = ids.IndexOfAny(' ', '\t');
                return tab >= 0 && ProcText.TryLeadingLong(ids[(tab + 1)..], out var euid) ? (int)euid : null;
            }
        }

        return null;
    }

    /// <summary>
    /// False for a zombie (state Z in /proc/PID/stat: it has exited and waits for its parent to reap it)
    /// and for a process gone meanwhile: neither runs, though /proc still lists a zombie under its name.
    /// </summary>
    public bool IsLive(int pid)
    {
        // The state follows the last ')': comm may hold spaces and parentheses.
        var stat = probe.ReadText($"/proc/{pid}/stat");
        var close = stat?.LastIndexOf(')') ?? -1;
        return close >= 0 && close + 2 < stat!.Length && stat[close + 2] is not ('Z' or 'X' or 'x');
    }

    /// <summary>The command line with its NUL separators as spaces; empty for kernel threads, null when gone.</summary>
    public string? CommandLineOf(int pid) =>
        probe.ReadText($"/proc/{pid}/cmdline")?.TrimEnd('\0').Replace('\0', ' ');

    /// <summary>Whether <paramref name="comm"/> is what the kernel keeps of the name <paramref name="name"/> (cut to 15 characters).</summary>
    public static bool IsNamed(string? comm, string name) =>
        comm is not null && (name.Length > 15 ? comm.Length == 15 && name.StartsWith(comm, StringComparison.Ordinal) : comm == name);

    private static int[] Pids(IReadOnlyList<string>? entries)
    {
        if (entries is null)
        {
            return [];
        }

        var pids = new List<int>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Length > 0 && char.IsAsciiDigit(entry[0]) && int.TryParse(entry, out var pid))
            {
                pids.Add(pid);
            }
        }

        pids.Sort();
        return [.. pids];
    }
}
