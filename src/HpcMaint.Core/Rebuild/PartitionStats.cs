using System.Globalization;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One partition's counts (<see cref="PartitionStatistics"/>), nodes in Slurm's order: <see cref="Combined"/>
/// is unavailable or down (either, each node once: what a budget over unavailable ∪ down counts),
/// <see cref="Overlap"/> unavailable and down (both: in maintenance and also in trouble).
/// </summary>
public sealed record PartitionStats(
    string Partition, int Total, IReadOnlyList<string> Unavailable, IReadOnlyList<string> Down, IReadOnlyList<string> Combined, IReadOnlyList<string> Overlap)
{
    /// <summary>"5/100 (5.0 %)".</summary>
    public string Share(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count}/{Total} ({(Total == 0 ? 0 : 100.0 * count / Total):0.0} %)");

    /// <summary>The seed's line: "Partition 'compute' status: unavailable: 5/100 (5.0 %), down: 8/100 (8.0 %), combined: 11/100 (11.0 %), overlap: 2".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Partition '{Partition}' status: unavailable: {Share(Unavailable.Count)}, down: {Share(Down.Count)}, combined: {Share(Combined.Count)}, overlap: {Overlap.Count}")
        + (Combined.Count == 0 ? string.Empty : " (" + Hostlist.Compress(Combined) + ")");
}
