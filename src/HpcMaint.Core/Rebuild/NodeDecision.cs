using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>What the planner decided for one waiting node in one pass.</summary>
public abstract record NodeDecision(string Node)
{
    /// <summary>Start it now; <paramref name="Arithmetic"/> shows each partition's budget with it counted.</summary>
    public sealed record Admit(string Node, string? Reservation, IReadOnlyList<string> Arithmetic) : NodeDecision(Node)
    {
        /// <summary>Why it went before the others waiting: "idle", "its jobs end …" (<see cref="AdmissionOrder"/>).</summary>
        public string? Frees { get; init; }
    }

    /// <summary>Not now, and why (the budget, the node's own state, an unknown image, a foreign job).</summary>
    public sealed record Defer(string Node, string Reason) : NodeDecision(Node)
    {
        /// <summary>The nodes holding it back, none of them in flight in this plan (itself, or those out of a full budget); empty: the plan itself (halted, window closed).</summary>
        public IReadOnlyList<string> HeldBackBy { get; init; } = [];
    }

    /// <summary>Already on the image.</summary>
    public sealed record Skip(string Node, string Image) : NodeDecision(Node);

    /// <summary>An admin put the node on hold (`hpcmaint hold`): hpcmaint does not rebuild it in this plan.</summary>
    public sealed record Held(string Node, Hold Hold) : NodeDecision(Node);

    /// <summary>A rebuild job to this image is already queued for it (an earlier run): follow that one.</summary>
    public sealed record Adopt(string Node, Job Job) : NodeDecision(Node);
}
