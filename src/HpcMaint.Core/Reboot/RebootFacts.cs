using HpcMaint.Core.Remediation;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// What Slurm says about a node Slurm asked to reboot: the image its CONFIGURING rebuild job names,
/// whether its hpcmaint record is at the rebuild step or holds it, and what could not be read (kept for the journal).
/// </summary>
public sealed record RebootFacts(string Node, string? JobImage, long? JobId, bool RecordAsksRebuild, IReadOnlyList<string> Notes)
{
    /// <summary>An admin's `hpcmaint hold` on the node: the ladder's rebuild step is not carried out.</summary>
    public Hold? Hold { get; init; }

    /// <summary>Nothing known beyond the name: a plain reboot by the configured method.</summary>
    public static RebootFacts Plain(string node, params string[] notes) => new(node, null, null, false, notes);
}
