using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Takes a node through the drain strategy: drained → plain `scontrol reboot` → booted (new boot time,
/// no boot flags) → gate. The node stays drained with hpcmaint's reason until the gate passes.
/// </summary>
public static class DrainTracker
{
    /// <summary>A reboot request not visible after this long was lost (the runner was killed before sending it).</summary>
    public static readonly TimeSpan LostRebootAfter = TimeSpan.FromSeconds(10);

    /// <summary>The reason hpcmaint drains and reboots a plan's node with: the image for hpcmaint-reboot to rebuild to, or none (a plain reboot).</summary>
    public static string Reason(RebuildPlan plan) =>
        plan.ChangesImage ? NodeReason.Create($"rebuild image={plan.Image}") : NodeReason.Create($"reboot plan={plan.Id}");

    /// <summary>A reason <see cref="Reason"/> wrote: a plan's step, which says nothing about a failure.</summary>
    public static bool IsPlanReason(string? reason) =>
        reason is not null && (reason.StartsWith(NodeReason.Create("rebuild image="), StringComparison.Ordinal)
                               || reason.StartsWith(NodeReason.Create("reboot plan="), StringComparison.Ordinal));

    public static (NodeChange? Change, RebuildAction? Action) Observe(RebuildPlan plan, PlannedNode planned, ClusterView view)
    {
        if (!planned.Step.IsInFlight() || view.Node(planned.Name) is not { } node)
        {
            return (null, null);
        }

        return planned.Step switch
        {
            RebuildStep.Draining => Draining(plan, planned, node, view),
            RebuildStep.Rebooting => Rebooting(plan, planned, node, view),
            RebuildStep.Gating => (null, new RebuildAction.Gate(planned.Name)),
            _ => (null, null),
        };
    }

    private static (NodeChange?, RebuildAction?) Draining(RebuildPlan plan, PlannedNode planned, Node node, ClusterView view)
    {
        if (!node.State.IsDrainSet)
        {
            return (null, new RebuildAction.Drain(node.Name, Reason(plan)));
        }

        if (!node.ReasonIsOurs)
        {
            var why = $"drained by someone else meanwhile ({node.Reason}); left alone";
            return (new NodeChange(planned, planned.MoveTo(RebuildStep.Failed, view.Now, why), why), null);
        }

        if (!node.State.IsDrained)
        {
            const string waiting = "draining: jobs still running";
            return (planned.Detail == waiting ? null : new NodeChange(planned, planned with { Detail = waiting }, waiting), null);
        }

        var after = planned.MoveTo(RebuildStep.Rebooting, view.Now, "reboot requested") with { RebootAsked = view.Now };
        var how = plan.ChangesImage ? "drained; plain scontrol reboot with the image in the reason" : "drained; plain scontrol reboot";
        return (new NodeChange(planned, after, how), new RebuildAction.Reboot(node.Name, Reason(plan)));
    }

    private static (NodeChange?, RebuildAction?) Rebooting(RebuildPlan plan, PlannedNode planned, Node node, ClusterView view)
    {
        var state = node.State;
        var booted = BootTimes.IsAfter(node.BootTime, planned.RebootAsked ?? planned.Since);
        var settling = state.IsRebootPending || state.Has(NodeFlags.NotResponding) || state.Has(NodeFlags.PoweringUp);
        if (state.IsDown && node.Reason is { } reason && reason.Contains("reboot timed out", StringComparison.Ordinal))
        {
            var why = $"reboot timed out: {reason}";
            return (new NodeChange(planned, planned.MoveTo(RebuildStep.Failed, view.Now, why), why), null);
        }

        if (booted && !settling && !state.IsDown)
        {
            var image = view.ImageOf(node.Name);
            if (plan.ChangesImage && !image.Is(plan.Image))
            {
                var why = $"rebooted but reports image {image}, not {plan.Image}";
                return (new NodeChange(planned, planned.MoveTo(RebuildStep.Failed, view.Now, why), why), new RebuildAction.DrainFailed(node.Name, why));
            }

            var after = planned.MoveTo(RebuildStep.Gating, view.Now, "gate running");
            var on = plan.ChangesImage ? $"booted on {plan.Image}" : $"booted at {node.BootTime:u}, after the reboot was asked";
            return (new NodeChange(planned, after, on + "; running the gate"), new RebuildAction.Gate(node.Name));
        }

        if (!booted && !settling && !state.IsDown && view.Now - planned.Since > LostRebootAfter)
        {
            const string why = "no reboot seen since the request (lost when the runner stopped?); asking again";
            return (new NodeChange(planned, planned.MoveTo(RebuildStep.Rebooting, view.Now, "reboot requested again") with { RebootAsked = view.Now }, why), new RebuildAction.Reboot(node.Name, Reason(plan)));
        }

        return (null, null);
    }
}
