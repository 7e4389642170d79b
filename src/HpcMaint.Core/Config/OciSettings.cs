namespace HpcMaint.Core.Config;

/// <summary>[oci]: the OCI profile hpcmaint signs with, where its APIs answer, how a node finds its instance, how it is reset.</summary>
public sealed record OciSettings
{
    /// <summary>The OCI config file; null: ~/.oci/config of the user hpcmaint runs as.</summary>
    public string? ConfigFile { get; init; }

    public string Profile { get; init; } = "DEFAULT";

    /// <summary>The compartment the nodes' instances are in; null: the tenancy and every compartment under it.</summary>
    public string? Compartment { get; init; }

    public InstanceLookup InstanceLookup { get; init; } = InstanceLookup.DisplayName;

    /// <summary>For <see cref="InstanceLookup.Tag"/>: the freeform tag whose value is the node name.</summary>
    public string? TagKey { get; init; }

    /// <summary>For <see cref="InstanceLookup.Map"/>: lines of "node instance-ocid".</summary>
    public string? MapFile { get; init; }

    /// <summary>RESET (power off and on) instead of SOFTRESET (ACPI shutdown first).</summary>
    public bool HardReboot { get; init; }

    /// <summary>How long a reset is followed until the instance is RUNNING again.</summary>
    public TimeSpan RebootTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The realm's domain, for a region outside the commercial realm (oraclegovcloud.com, oraclecloud.eu, …).</summary>
    public string? Domain { get; init; }

    /// <summary>Replaces https://iaas.{region}.{domain} (a private endpoint, or the specs' fake).</summary>
    public string? ComputeEndpoint { get; init; }

    /// <summary>Replaces https://identity.{region}.oci.{domain}.</summary>
    public string? IdentityEndpoint { get; init; }

    /// <summary>[oci.maintenance]: which maintenance events hpcmaint carries out, and how many at once.</summary>
    public OciMaintenanceSettings Maintenance { get; init; } = new();
}

/// <summary>How a Slurm node name leads to its OCI instance (cloud-apis.md B.8).</summary>
public enum InstanceLookup
{
    /// <summary>The instance's displayName is the node name (a stock OCI HPC stack renames instances so).</summary>
    DisplayName,

    /// <summary>The instance whose freeform tag [oci] tag_key holds the node name.</summary>
    Tag,

    /// <summary>[oci] map_file lists "node instance-ocid" pairs.</summary>
    Map,
}
