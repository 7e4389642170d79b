using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>Parses `scontrol show partition -o` (sinfo --json has no partition list in 22.05).</summary>
public static class ScontrolPartitionParser
{
    public static IReadOnlyList<Partition> Parse(string text) =>
        ScontrolRecords.Parse(text).Select(ParseRecord).ToArray();

    private static Partition ParseRecord(IReadOnlyDictionary<string, string> r)
    {
        var name = ScontrolValues.Text(r, "PartitionName") ?? throw new SlurmParseException("scontrol show partition", "a record without PartitionName");
        var nodes = ScontrolValues.Text(r, "Nodes");
        return new Partition(
            name,
            nodes ?? string.Empty,
            nodes is null ? [] : Hostlist.Expand(nodes),
            ScontrolValues.YesNo(r, "Default"),
            ScontrolValues.YesNo(r, "Hidden"),
            ScontrolValues.YesNo(r, "RootOnly"),
            ScontrolValues.Int(r, "PriorityTier", 1),
            ScontrolValues.Text(r, "State") ?? "UNKNOWN",
            // 26.05 shows slurm.conf's OverSubscribe=EXCLUSIVE as Exclusive=NODE (and OverSubscribe=NO).
            ScontrolValues.Text(r, "Exclusive") == "NODE" ? "EXCLUSIVE" : ScontrolValues.Text(r, "OverSubscribe") ?? "NO")
        {
            PreemptMode = ScontrolValues.Text(r, "PreemptMode") ?? "OFF",
        };
    }
}
