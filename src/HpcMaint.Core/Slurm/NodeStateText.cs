namespace HpcMaint.Core.Slurm;

/// <summary>Slurm's spellings of base states and flags, both directions.</summary>
public static class NodeStateText
{
    private static readonly (NodeFlags Flag, string Text)[] FlagNames =
    [
        (NodeFlags.Drain, "DRAIN"),
        (NodeFlags.RebootRequested, "REBOOT_REQUESTED"),
        (NodeFlags.RebootIssued, "REBOOT_ISSUED"),
        (NodeFlags.NotResponding, "NOT_RESPONDING"),
        (NodeFlags.PoweringUp, "POWERING_UP"),
        (NodeFlags.PoweredDown, "POWERED_DOWN"),
        (NodeFlags.PoweringDown, "POWERING_DOWN"),
        (NodeFlags.Maintenance, "MAINTENANCE"),
        (NodeFlags.Reserved, "RESERVED"),
        (NodeFlags.Completing, "COMPLETING"),
        (NodeFlags.Fail, "FAIL"),
        (NodeFlags.Cloud, "CLOUD"),
        (NodeFlags.Planned, "PLANNED"),
        (NodeFlags.Dynamic, "DYNAMIC"),
        (NodeFlags.PowerDownRequested, "POWER_DOWN"),
    ];

    public static NodeBaseState ParseBase(string text) =>
        text.Trim().ToUpperInvariant() switch
        {
            "IDLE" => NodeBaseState.Idle,
            "ALLOCATED" or "ALLOC" => NodeBaseState.Allocated,
            "MIXED" => NodeBaseState.Mixed,
            "DOWN" => NodeBaseState.Down,
            "ERROR" => NodeBaseState.Error,
            "FUTURE" => NodeBaseState.Future,
            _ => NodeBaseState.Unknown,
        };

    public static NodeFlags ParseFlag(string text)
    {
        var upper = text.Trim().ToUpperInvariant();
        foreach (var (flag, name) in FlagNames)
        {
            if (name == upper)
            {
                return flag;
            }
        }

        // Aliases seen in scontrol's text form.
        return upper switch
        {
            "DRAINING" or "DRAINED" => NodeFlags.Drain,
            "MAINT" => NodeFlags.Maintenance,
            "POWER_UP" => NodeFlags.PoweringUp,
            "" => NodeFlags.None,
            _ => NodeFlags.Other,
        };
    }

    /// <summary>Parses scontrol's "IDLE+DRAIN+REBOOT_REQUESTED" form.</summary>
    public static NodeState Parse(string text)
    {
        var parts = text.Split('+', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return new NodeState(NodeBaseState.Unknown, NodeFlags.None);
        }

        var flags = NodeFlags.None;
        for (var i = 1; i < parts.Length; i++)
        {
            flags |= ParseFlag(parts[i]);
        }

        return new NodeState(ParseBase(parts[0]), flags);
    }

    public static string Format(NodeState state)
    {
        var text = state.Base.ToString().ToUpperInvariant();
        foreach (var (flag, name) in FlagNames)
        {
            if (state.Has(flag))
            {
                text += "+" + name;
            }
        }

        return state.Has(NodeFlags.Other) ? text + "+OTHER" : text;
    }
}
