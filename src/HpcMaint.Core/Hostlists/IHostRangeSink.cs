namespace HpcMaint.Core.Hostlists;

/// <summary>Receives host ranges in order, each once it can no longer grow.</summary>
internal interface IHostRangeSink
{
    void Accept(HostRange range);

    /// <summary>No more ranges will come.</summary>
    void Finish();
}
