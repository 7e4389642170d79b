using System.Globalization;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

internal static class ProcessFixtures
{
    /// <summary>A process as /proc shows it: comm, the Uid line of status (real, effective, saved, fs) and cmdline.</summary>
    public static FakeHostProbe WithProcess(this FakeHostProbe probe, int pid, string comm, int uid, string cmdline)
    {
        var dir = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        return probe
            .WithFile(dir + "/comm", comm + "\n")
            .WithFile(dir + "/status", $"Name:\t{comm}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t{pid}\nPid:\t{pid}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t0\t0\t0\t0\n")
            .WithFile(dir + "/cmdline", cmdline);
    }
}
