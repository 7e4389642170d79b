using System.Globalization;

namespace HpcMaint.Core.Health;

/// <summary>
/// One <c>[[health.remedy]]</c> line: a command that may clear a fault without a reboot (restart
/// nvidia-fabricmanager, reset an idle GPU), run by hpcmaint-health as root on the drained node, at
/// most once per ticket. The next health run decides: every check passes → resume; otherwise the
/// ticket climbs to the next step.
/// </summary>
/// <param name="Id">Unique id (the <c>id</c> key, else <see cref="Match"/>), kept in the ticket.</param>
/// <param name="Match">A check id, a check kind or a finding condition (e.g. <c>gpu.nvidia.fabric</c>).</param>
/// <param name="Xid">When set, only findings of this NVIDIA Xid match.</param>
/// <param name="Argv">The command, absolute program first; never a shell line.</param>
/// <param name="When">Run at once after the drain, or only once the drain has emptied the node.</param>
/// <param name="Line">Where it is written in the config, for messages.</param>
public sealed record RemedyDefinition(string Id, string Match, int? Xid, IReadOnlyList<string> Argv, TimeSpan Timeout, RemedyWhen When, int Line)
{
    public bool Matches(CheckDefinition check, Finding finding) =>
        (Match == check.Name || Match == check.Kind || Match == finding.Condition)
        && (Xid is not { } xid || XidOf(finding) == xid);

    // gpu.xid findings say "Xid 79 (GPU has fallen off the bus) on 0000:3b:00.0"; no other finding starts so.
    private static int? XidOf(Finding finding)
    {
        const string prefix = "Xid ";
        if (!finding.Actual.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = finding.Actual.AsSpan(prefix.Length);
        var end = digits.IndexOf(' ');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var xid) ? xid : null;
    }
}

/// <summary>When a remedy may run on the drained node.</summary>
public enum RemedyWhen
{
    /// <summary>Right after the drain, jobs still running or not.</summary>
    Now,

    /// <summary>Only once the node is drained and runs no job (e.g. a GPU reset); no reboot meanwhile.</summary>
    Idle,
}
