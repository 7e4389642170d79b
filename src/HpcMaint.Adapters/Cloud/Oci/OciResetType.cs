namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>The InstanceAction a reboot asks for.</summary>
public enum OciResetType
{
    /// <summary>SOFTRESET: ACPI shutdown, then power on.</summary>
    Soft,

    /// <summary>RESET: immediate power off, then power on.</summary>
    Hard,
}
