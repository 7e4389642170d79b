namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>What an NVIDIA Xid asks of the node's operator.</summary>
public enum XidClass
{
    /// <summary>Caused by an application or informational: the job is affected, the node is fine.</summary>
    Application,

    /// <summary>The GPU needs a reset; hpcmaint's remedy is a reboot.</summary>
    Reset,

    /// <summary>Hardware: a person must look (remapping failure, missing auxiliary power…).</summary>
    Hardware,
}
