using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Ps;

/// <summary><c>ps.forbidden</c>: none of the named processes runs (a miner, a leftover debugger), except as an ignored user.</summary>
internal sealed class ForbiddenCheck(IReadOnlyList<string> names, IReadOnlyList<string> ignoreUsers) : IHealthCheck
{
    public const string Condition = "ps.forbidden";

    public static CheckKind Kind { get; } = new(
        Condition,
        "no process with one of names runs, except as one of ignore_users",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        var table = ProcessTable.Of(probe);
        if (!table.Listed)
        {
            found.Unreadable(Condition, "cannot list /proc");
            return Task.FromResult(found.ToVerdict());
        }

        var ignored = new HashSet<int>();
        foreach (var user in ignoreUsers)
        {
            if (UserTable.Resolve(probe, user) is { } uid)
            {
                ignored.Add(uid);
            }
            else
            {
                found.Unreadable(Condition, $"unknown user {user}");
            }
        }

        var seen = new (int Count, int FirstPid)[names.Count];
        for (var i = 0; i < table.Count; i++)
        {
            var comm = table.NameAt(i);
            for (var n = 0; n < names.Count; n++)
            {
                if (ProcessTable.IsNamed(comm, names[n])
                    && (ignored.Count == 0 || (table.UidOf(table.PidAt(i)) is { } uid && !ignored.Contains(uid)))
                    && table.IsLive(table.PidAt(i)))
                {
                    seen[n] = (seen[n].Count + 1, seen[n].Count == 0 ? table.PidAt(i) : seen[n].FirstPid);
                }
            }
        }

        for (var n = 0; n < names.Count; n++)
        {
            if (seen[n].Count > 0)
            {
                var pid = seen[n].FirstPid.ToString(CultureInfo.InvariantCulture);
                found.Fault(Condition, seen[n].Count == 1 ? $"{names[n]} running (pid {pid})" : $"{seen[n].Count} {names[n]} running (pid {pid}...)", "not running");
            }
        }

        return Task.FromResult(found.ToVerdict());
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var names = section.StringList("names", [], list => list.Any(n => n.Length == 0 || n.Contains('/')) ? "write process names as ps shows them, e.g. [\"xmrig\"]" : null);
        var ignoreUsers = section.StringList("ignore_users", []);
        return names.Count == 0
            ? MisconfiguredCheck.Report(section, "names", "no names: write names = [\"xmrig\"]")
            : new ForbiddenCheck(names, ignoreUsers);
    }
}
