using System.Globalization;

namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>A process the testbed started, as recorded in DIR/run/pids ("PID STARTTIME LABEL").</summary>
public sealed record RecordedProcess(int Pid, long StartTime, string Label)
{
    internal static RecordedProcess Parse(string line)
    {
        var fields = line.Split(' ', 3);
        return new RecordedProcess(
            int.Parse(fields[0], CultureInfo.InvariantCulture),
            long.Parse(fields[1], CultureInfo.InvariantCulture),
            fields[2]);
    }

    /// <summary>
    /// True while the same process (same pid and start time) exists and is not a zombie; the VM's PID 1
    /// reaps slowly, so a stopped daemon can stay a zombie for seconds.
    /// </summary>
    public bool IsRunning()
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{Pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] != "Z" && fields[19] == StartTime.ToString(CultureInfo.InvariantCulture);
    }
}
