using System.Globalization;
using HpcMaint.Adapters.Files;

namespace HpcMaint.Adapters.Processes;

/// <summary>One line of /proc/&lt;pid&gt;/stat: who a process is, its parent, group and session, and when it started.</summary>
internal sealed record ProcStat(int Pid, string Name, char State, int ParentPid, int ProcessGroup, int Session, long StartTime)
{
    /// <summary>The process now, or null when it is gone (or /proc cannot say).</summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(pid, SmallFile.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Every process /proc shows now; one that exits while the table is read is left out.</summary>
    public static IReadOnlyList<ProcStat> ReadAll()
    {
        var table = new List<ProcStat>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            var name = entry.AsSpan(6);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                table.Add(stat);
            }
        }

        return table;
    }

    // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
    // priority nice threads itrealvalue starttime ...": comm may hold spaces and parentheses, so split after the last ')'.
    private static ProcStat Parse(int pid, string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return new ProcStat(
            pid,
            text[(open + 1)..close],
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
