using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Ps;

/// <summary><c>ps.running</c>: a daemon runs, found by process name, optionally as a user and with a command-line fragment.</summary>
internal sealed class RunningCheck(string name, string? user, string? commandLine) : IHealthCheck
{
    public const string Condition = "ps.running";

    public static CheckKind Kind { get; } = new(
        Condition,
        "a process named name runs (as in /proc/PID/comm), optionally as user and with cmdline in its command line",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        var table = ProcessTable.Of(probe);
        int? uid = null;
        if (!table.Listed)
        {
            found.Unreadable(Condition, "cannot list /proc");
        }
        else if (user is not null && (uid = UserTable.Resolve(probe, user)) is null)
        {
            found.Unreadable(Condition, $"unknown user {user}");
        }
        else if (Find(table, uid) is { } mismatch)
        {
            found.Fault(Condition, mismatch, "running" + (user is null ? string.Empty : " as " + user));
        }

        return Task.FromResult(found.ToVerdict());
    }

    /// <summary>Null when a matching process runs, else what was seen instead.</summary>
    private string? Find(ProcessTable table, int? uid)
    {
        int? otherUid = null;
        int? zombie = null;
        var otherCommandLine = false;
        for (var i = 0; i < table.Count; i++)
        {
            if (!ProcessTable.IsNamed(table.NameAt(i), name))
            {
                continue;
            }

            var pid = table.PidAt(i);
            if (!table.IsLive(pid))
            {
                zombie ??= pid;
                continue;
            }

            if (uid is not null && table.UidOf(pid) is var owner && owner != uid)
            {
                otherUid ??= owner;
                continue;
            }

            if (commandLine is not null && table.CommandLineOf(pid)?.Contains(commandLine, StringComparison.Ordinal) != true)
            {
                otherCommandLine = true;
                continue;
            }

            return null;
        }

        return otherCommandLine ? $"{name} runs without \"{ProcText.Snippet(commandLine!, 30)}\""
            : otherUid is { } other ? $"{name} runs as uid {other}"
            : zombie is { } dead ? $"{name} not running (pid {dead.ToString(System.Globalization.CultureInfo.InvariantCulture)} exited, not reaped)"
            : $"{name} not running";
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var name = section.Optional("name", n => n.Length == 0 || n.Contains('/') ? $"\"{n}\" is not a process name (as ps shows it, e.g. \"slurmd\")" : null);
        var user = section.Optional("user");
        var commandLine = section.Optional("cmdline");
        return name is null
            ? MisconfiguredCheck.Report(section, "name", "no name: write name = \"slurmd\"")
            : new RunningCheck(name, user, commandLine);
    }
}
