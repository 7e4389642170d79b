using HpcMaint.Adapters.Interop;
using HpcMaint.Core.Audit;

namespace HpcMaint.Adapters.Audit;

/// <summary>
/// The append-only JSONL audit journal. Each record is one line written with a single O_APPEND write
/// and fsynced before Append returns, so an acknowledged record survives a crash. A crash in the middle
/// of a write can leave a torn last line: the next append starts on a fresh line, and readers skip
/// lines that are not whole records (and count them), so a torn line never breaks a reader.
/// </summary>
public sealed class AuditJournal(string path) : IAuditJournal
{
    public string Path { get; } = path;

    public void Append(AuditRecord record) => AppendOnlyFile.AppendLine(Path, AuditJson.ToJsonLine(record));

    /// <summary>Null when a record could be appended now (probed without writing one); otherwise why not.</summary>
    public string? WhyNotWritable() => AppendOnlyFile.WhyNotAppendable(Path);

    /// <summary>Reads every whole record; <paramref name="skipped"/> counts lines that are not.</summary>
    public IReadOnlyList<AuditRecord> Read(AuditFilter filter, out int skipped)
    {
        skipped = 0;
        var records = new List<AuditRecord>();
        if (!File.Exists(Path))
        {
            return records;
        }

        var bytes = Files.NoFollowFile.ReadAllBytes(Path);
        var span = bytes.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            var record = AuditJson.TryParseLine(line);
            if (record is null)
            {
                skipped++;
            }
            else if (filter.Matches(record))
            {
                records.Add(record);
            }
        }

        return records;
    }
}
