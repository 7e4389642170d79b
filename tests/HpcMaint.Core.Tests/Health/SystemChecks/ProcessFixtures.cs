using System.Globalization;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

internal static class ProcessFixtures
{
    /// <summary>
    /// A process as /proc shows it: comm, stat (state S, or Z for a zombie: exited, not yet reaped by its
    /// parent, an empty cmdline), the Uid line of status (real, effective, saved, fs) and cmdline.
    /// </summary>
    public static FakeHostProbe WithProcess(this FakeHostProbe probe, int pid, string comm, int uid, string cmdline, bool zombie = false)
    {
        var dir = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        var state = zombie ? "Z" : "S";
        return probe
            .WithFile(dir + "/comm", comm + "\n")
            .WithFile(dir + "/stat", $"{pid} ({comm}) {state} 1 {pid} {pid} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 1234 0 0\n")
            .WithFile(dir + "/status", $"Name:\t{comm}\nUmask:\t0022\nState:\t{(zombie ? "Z (zombie)" : "S (sleeping)")}\nTgid:\t{pid}\nPid:\t{pid}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t0\t0\t0\t0\n")
            .WithFile(dir + "/cmdline", zombie ? string.Empty : cmdline);
    }
}
