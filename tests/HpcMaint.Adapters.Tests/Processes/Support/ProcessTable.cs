using HpcMaint.Adapters.Processes;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Tests.Processes.Support;

/// <summary>Reads /proc/&lt;pid&gt;/stat, and cleans up after tests by pid.</summary>
internal static class ProcessTable
{
    public static ProcStat? Read(int pid) => ProcStat.Read(pid);

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
