using HpcMaint.Core.Health;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Remediation;

/// <summary>Where a node's hpcmaint record is kept ([health] record_field): its Comment or its Extra.</summary>
public static class NodeRecordField
{
    public static string? TextOf(Node node, RecordField field) => field == RecordField.Extra ? node.Extra : node.Comment;

    /// <summary>The node's record; false with the problem when the field holds text hpcmaint did not write.</summary>
    public static bool TryRead(Node node, RecordField field, out NodeRecord record, out string? problem) =>
        NodeRecordCodec.TryDecode(TextOf(node, field), out record, out problem);

    /// <summary>The record, or an empty one where the field cannot keep one (for counting, never for writing).</summary>
    public static NodeRecord ReadOrEmpty(Node node, RecordField field) =>
        TryRead(node, field, out var record, out _) ? record : NodeRecord.Empty;

    public static string Name(RecordField field) => field == RecordField.Extra ? "extra" : "comment";
}
