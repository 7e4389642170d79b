namespace HpcMaint.Core.Slurm;

/// <summary>
/// Drain reasons hpcmaint writes. Ownership of a node's trouble is the reason prefix:
/// hpcmaint never clears a reason it did not write (NHC:, admin text, "Reboot ASAP", ...).
/// </summary>
public static class NodeReason
{
    public const string Prefix = "hpcmaint:";

    /// <summary>Slurm keeps reasons in a char buffer; long reasons clutter sinfo -R and scontrol.</summary>
    public const int MaxLength = 200;

    public static bool IsOwnedByHpcmaint(string? reason) =>
        reason is not null && reason.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Builds "hpcmaint: detail", printable (<see cref="PrintableText"/>) and cut to <see cref="MaxLength"/> characters.</summary>
    public static string Create(string detail) =>
        Prefix + " " + PrintableText.Line(detail.Trim(), MaxLength - Prefix.Length - 1);
}
