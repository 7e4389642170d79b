using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Reads the leaf domains from `scontrol show topology` or topology.conf (the same `Key=Value` lines):
/// a switch is a leaf when it lists Nodes= and no Switches= (scontrol gives the upper switches Nodes=
/// too: `SwitchName=top Level=1 LinkSpeed=1 Nodes=n[1-8] Switches=s[1-2]` on 22.05); every block with
/// Nodes= is a leaf. A line hpcmaint cannot read is a <see cref="SlurmParseException"/> naming
/// <paramref name="source"/>:line, so the budget is never built from half a topology.
/// </summary>
public static class TopologyParser
{
    /// <summary>topology.conf's other lines for topology/block: the block sizes and aggregated blocks, which hold no leaf of their own.</summary>
    private static readonly string[] NotDomains = ["BlockSizes", "AggregatedBlock"];

    public static Topology Parse(string source, string text)
    {
        var leaves = new List<TopologyDomain>();
        var owner = new Dictionary<string, (string Leaf, int Line)>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            line = (hash >= 0 ? line[..hash] : line).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Fields(source, number, line);
            if (Leaf(source, number, fields) is not { } leaf)
            {
                continue;
            }

            if (!names.Add(leaf.Name))
            {
                throw Bad(source, number, $"{leaf.Kind.ToString().ToLowerInvariant()} {leaf.Name} is named twice: give each switch or block one line");
            }

            foreach (var node in leaf.Nodes)
            {
                if (owner.TryGetValue(node, out var first))
                {
                    throw Bad(source, number, $"{node} is in {leaf.Name} and in {first.Leaf} (line {first.Line}): a node belongs to one leaf switch or block");
                }

                owner[node] = (leaf.Name, number);
            }

            leaves.Add(leaf);
        }

        return new Topology(leaves);
    }

    private static TopologyDomain? Leaf(string source, int number, Dictionary<string, string> fields)
    {
        var kind = fields.ContainsKey("SwitchName") ? TopologyKind.Switch
            : fields.ContainsKey("BlockName") ? TopologyKind.Block
            : NotDomains.Any(fields.ContainsKey) ? (TopologyKind?)null
            : throw Bad(source, number, "expected SwitchName=… (topology/tree) or BlockName=… (topology/block)");
        if (kind is null)
        {
            return null;
        }

        var name = fields[kind == TopologyKind.Switch ? "SwitchName" : "BlockName"];
        if (name.Length == 0)
        {
            throw Bad(source, number, $"{(kind == TopologyKind.Switch ? "SwitchName" : "BlockName")}= without a name");
        }

        if (!fields.TryGetValue("Nodes", out var nodes) || (kind == TopologyKind.Switch && fields.ContainsKey("Switches")))
        {
            return null;
        }

        if (!Hostlist.TryExpand(nodes, out var expanded, out var error))
        {
            throw Bad(source, number, $"Nodes={nodes} of {name}: {error}");
        }

        return new TopologyDomain(name, kind.Value, expanded.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The line's Key=Value words; keys as Slurm spells them whatever the case (topology.conf's keys are case-insensitive).</summary>
    private static Dictionary<string, string> Fields(string source, int number, string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Bad(source, number, $"'{word}' is not Key=Value");
            }

            if (!fields.TryAdd(word[..eq], word[(eq + 1)..]))
            {
                throw Bad(source, number, $"{word[..eq]}= given twice");
            }
        }

        return fields;
    }

    private static SlurmParseException Bad(string source, int number, string problem) =>
        new(source, $"line {number}: {problem}");
}
