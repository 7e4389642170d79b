namespace HpcMaint.Core.Reboot;

/// <summary>
/// What Slurm says about a node Slurm asked to reboot: the image its CONFIGURING rebuild job names,
/// whether its hpcmaint record is at the rebuild step, and what could not be read (kept for the journal).
/// </summary>
public sealed record RebootFacts(string Node, string? JobImage, long? JobId, bool RecordAsksRebuild, IReadOnlyList<string> Notes)
{
    /// <summary>Nothing known beyond the name: a plain reboot by the configured method.</summary>
    public static RebootFacts Plain(string node, params string[] notes) => new(node, null, null, false, notes);
}
