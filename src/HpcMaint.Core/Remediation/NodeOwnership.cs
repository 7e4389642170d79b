using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// Ownership by state and reason together, the same on every Slurm release. From 23.02 Slurm keeps a
/// node's reason when it returns to service (after a resume, after every reboot), so a reason alone says
/// nothing about now: only a drain or a down holds a node, and a reason on a node with neither is history.
/// hpcmaint holds a node when DRAIN is set and the reason is hpcmaint's; a down without DRAIN only where
/// hpcmaint's own reboot timed out (22.05 clears DRAIN then; 24.11 keeps it). A reboot hpcmaint did not ask
/// for (REBOOT_REQUESTED or REBOOT_ISSUED without hpcmaint's request, or any NextState: hpcmaint's reboots
/// are plain) is someone else's: the node is theirs until it is over.
/// </summary>
public static class NodeOwnership
{
    private const string TimedOut = "reboot timed out";

    /// <summary>Who holds <paramref name="node"/>; <paramref name="ticket"/> is hpcmaint's open ticket on it, if any.</summary>
    public static NodeOwner Of(Node node, Ticket? ticket)
    {
        var state = node.State;
        if (!IsHeld(state))
        {
            return NodeOwner.None;
        }

        if (!node.ReasonIsOurs || RebootAskedByOthers(node, ticket))
        {
            return NodeOwner.Other;
        }

        return state.IsDrainSet || (state.IsDown && AskedByHpcmaint(node, ticket) && node.Reason!.EndsWith(TimedOut, StringComparison.Ordinal))
            ? NodeOwner.Hpcmaint
            : NodeOwner.Other;
    }

    /// <summary>
    /// A reboot is under way that hpcmaint did not ask for: with a NextState (ASAP or nextstate=, which
    /// hpcmaint never sends), or without hpcmaint's ticket at a reboot step or its rebuild drain.
    /// hpcmaint neither resumes nor rewrites such a node, drained or not.
    /// </summary>
    public static bool RebootAskedByOthers(Node node, Ticket? ticket) =>
        node.State.IsRebootPending && (node.NextStateAfterReboot is not null || !AskedByHpcmaint(node, ticket));

    /// <summary>Out of service by a drain, a down or a failure: what a reason can be the owner of.</summary>
    public static bool IsHeld(NodeState state) => state.IsDrainSet || state.IsDown || state.Has(NodeFlags.Fail);

    // hpcmaint reboots a node for a ticket at the reboot or rebuild step, or for a plan's rebuild or reboot by the drain strategy.
    private static bool AskedByHpcmaint(Node node, Ticket? ticket) =>
        ticket?.Step is LadderStep.Reboot or LadderStep.Rebuild
        || DrainTracker.IsPlanReason(node.Reason);
}
