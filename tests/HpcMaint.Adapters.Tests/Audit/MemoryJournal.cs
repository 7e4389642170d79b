using HpcMaint.Core.Audit;

namespace HpcMaint.Adapters.Tests.Audit;

/// <summary>An audit journal in memory, safe to append to from several threads, for specs that read back what was journalled.</summary>
internal sealed class MemoryJournal : IAuditJournal
{
    private readonly List<AuditRecord> records = [];

    public List<AuditRecord> Records
    {
        get
        {
            lock (records)
            {
                return [.. records];
            }
        }
    }

    public void Append(AuditRecord record)
    {
        lock (records)
        {
            records.Add(record);
        }
    }
}
