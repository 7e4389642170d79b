using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// One thing the health run decided to do to a node, as data: the edge carries it out (or, in a dry
/// run, prints <see cref="Describe"/>), journalling it before and after.
/// </summary>
public abstract record HealthAction(string Node)
{
    /// <summary>The audit journal's action name.</summary>
    public abstract string Name { get; }

    /// <summary>One line for a person: what would run.</summary>
    public abstract string Describe();
}

/// <summary><c>scontrol update nodename=N state=drain reason=…</c> (also rewrites the reason of a drained node).</summary>
public sealed record DrainNode(string Node, string Reason) : HealthAction(Node)
{
    public override string Name => "drain";

    public override string Describe() => $"drain {Node} reason=\"{Reason}\"";
}

/// <summary><c>scontrol update nodename=N state=resume</c>: only ever for a drain hpcmaint wrote.</summary>
public sealed record ResumeNode(string Node, string Why) : HealthAction(Node)
{
    public override string Name => "resume";

    public override string Describe() => $"resume {Node} ({Why})";
}

/// <summary>A plain <c>scontrol reboot N</c> (no ASAP, no nextstate, so the drain survives the boot).</summary>
public sealed record RebootNode(string Node, LadderStep Step) : HealthAction(Node)
{
    public override string Name => Step == LadderStep.Rebuild ? "request-rebuild" : "request-reboot";

    public override string Describe() =>
        Step == LadderStep.Rebuild ? $"reboot {Node} as a rebuild (hpcmaint-reboot reads the ticket)" : $"reboot {Node}";
}

/// <summary>Runs a [[health.remedy]] command on this node (argv, timeout, minimal environment); the next run judges it.</summary>
public sealed record RunRemedy(string Node, RemedyDefinition Remedy) : HealthAction(Node)
{
    public override string Name => "remedy";

    public override string Describe() =>
        $"remedy {Remedy.Id} on {Node}: {string.Join(' ', Remedy.Argv)} (timeout {Config.DurationText.Format(Remedy.Timeout)})";
}

/// <summary>Writes hpcmaint's record into the node's Comment/Extra field.</summary>
public sealed record WriteRecord(string Node, NodeRecord Record) : HealthAction(Node)
{
    public override string Name => "record";

    public override string Describe() => $"record on {Node}: {NodeRecordCodec.Encode(Record)}";
}

/// <summary>Tells a person that a node reached the manual step.</summary>
public sealed record NotifyManual(string Node, ManualNotification Notification) : HealthAction(Node)
{
    public override string Name => "notify";

    public override string Describe() => $"notify: {Node} needs a person: {Notification.Reason}";
}
