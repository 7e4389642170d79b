using System.Text.Json;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Parses `sinfo --json` (22.05: a top-level "nodes" array, state string + state_flags) and the
/// per-node shape of `scontrol show node --json` (23.02+: state is a list). sinfo ignores filters
/// in 22.05, so callers filter the result themselves.
/// </summary>
public static class SinfoJsonParser
{
    public static IReadOnlyList<Node> ParseNodes(string json) =>
        TryParseNodes(json) ?? throw new SlurmParseException("sinfo --json", "no \"nodes\" array in the output");

    /// <summary>The nodes, or null when the output has no per-node list (sinfo --json from 23.02 groups nodes).</summary>
    public static IReadOnlyList<Node>? TryParseNodes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        SlurmJsonErrors.ThrowIfAny(doc.RootElement, "sinfo --json");
        if (!doc.RootElement.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var result = new List<Node>(nodes.GetArrayLength());
        foreach (var n in nodes.EnumerateArray())
        {
            result.Add(ParseNode(n));
        }

        return result;
    }

    internal static Node ParseNode(JsonElement n)
    {
        var name = NodeNames.Checked(JsonFields.String(n, "name") ?? throw new SlurmParseException("sinfo --json", "a node without a name"), "sinfo --json");
        return new Node(
            name,
            ParseState(n),
            JsonFields.String(n, "reason"),
            JsonFields.String(n, "reason_set_by_user"),
            JsonFields.Time(n, "reason_changed_at"),
            JsonFields.Time(n, "boot_time"),
            JsonFields.Time(n, "slurmd_start_time"),
            JsonFields.List(n, "partitions"),
            JsonFields.List(n, "features"),
            JsonFields.List(n, "active_features"),
            JsonFields.String(n, "comment"),
            JsonFields.String(n, "extra"),
            ParseNextState(n));
    }

    private static NodeState ParseState(JsonElement n)
    {
        if (!n.TryGetProperty("state", out var state))
        {
            return new NodeState(NodeBaseState.Unknown, NodeFlags.None);
        }

        var flags = NodeFlags.None;
        NodeBaseState baseState;
        if (state.ValueKind == JsonValueKind.Array)
        {
            // 23.02+: ["IDLE", "DRAIN", ...]: the first entry is the base state.
            var items = state.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray();
            baseState = items.Length > 0 ? NodeStateText.ParseBase(items[0]) : NodeBaseState.Unknown;
            foreach (var item in items.Skip(1))
            {
                flags |= NodeStateText.ParseFlag(item);
            }
        }
        else
        {
            baseState = NodeStateText.ParseBase(state.GetString() ?? string.Empty);
        }

        foreach (var flag in JsonFields.List(n, "state_flags"))
        {
            flags |= NodeStateText.ParseFlag(flag);
        }

        return new NodeState(baseState, flags);
    }

    private static string? ParseNextState(JsonElement n)
    {
        var next = JsonFields.String(n, "next_state_after_reboot");
        if (next is null || next.Equals("invalid", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var flags = JsonFields.List(n, "next_state_after_reboot_flags").Where(f => f != "?").ToArray();
        return flags.Length == 0 ? next.ToUpperInvariant() : next.ToUpperInvariant() + "+" + string.Join('+', flags);
    }
}
