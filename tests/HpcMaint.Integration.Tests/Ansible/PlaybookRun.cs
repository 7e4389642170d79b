using System.Globalization;
using System.Text.RegularExpressions;
using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Ansible;

/// <summary>One ansible-playbook run: its exit status, its output, and the PLAY RECAP counts for localhost.</summary>
internal sealed partial class PlaybookRun(CommandResult result)
{
    public int ExitCode => result.ExitCode;

    public string Output => result.StandardOutput + result.StandardError;

    public TimeSpan RunTime => result.RunTime;

    public int Changed => Count(2);

    public int Failed => Count(4);

    public override string ToString() => $"ansible-playbook exited {ExitCode} after {RunTime.TotalSeconds:F1} s:\n{Output}";

    private int Count(int group)
    {
        var recap = Recap().Match(result.StandardOutput);
        Assert.True(recap.Success, "no PLAY RECAP line for localhost:\n" + Output);
        return int.Parse(recap.Groups[group].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>`localhost : ok=6 changed=1 unreachable=0 failed=0 …`</summary>
    [GeneratedRegex(@"^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", RegexOptions.Multiline)]
    private static partial Regex Recap();
}
