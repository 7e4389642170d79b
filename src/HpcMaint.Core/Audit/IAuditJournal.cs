namespace HpcMaint.Core.Audit;

/// <summary>Where decisions and actions are recorded, durably, before the caller goes on.</summary>
public interface IAuditJournal
{
    void Append(AuditRecord record);
}
