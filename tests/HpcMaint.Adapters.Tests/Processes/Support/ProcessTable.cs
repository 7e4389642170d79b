using System.Globalization;
using HpcMaint.Adapters.Processes;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Tests.Processes.Support;

/// <summary>Reads /proc/&lt;pid&gt;/stat, and cleans up after tests by pid.</summary>
internal static class ProcessTable
{
    public sealed record Stat(int Pid, string Name, char State, int ProcessGroup, int Session);

    public static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so split after the last ')'.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return new Stat(
            pid,
            text[(open + 1)..close],
            fields[0][0],
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Gone, or a zombie waiting for whoever inherited it to reap it.</summary>
    public static bool IsGone(int pid) => Read(pid) is null or { State: 'Z' };

    /// <summary>Kills <paramref name="pid"/> if it is still the process the test started.</summary>
    public static void KillIfRunning(int pid, string name)
    {
        if (Read(pid) is { State: not 'Z' } stat && stat.Name == name)
        {
            _ = LibC.Kill(pid, LibC.SIGKILL);
        }
    }

    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(20);
        while (!IsGone(pid) && waited < limit)
        {
            await Task.Delay(step, TimeProvider.System);
            waited += step;
        }

        return IsGone(pid);
    }
}
