namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>An Identity compartment: its OCID, its parent, its name and state.</summary>
public sealed record OciCompartment
{
    public string Id { get; init; } = "";

    /// <summary>The parent compartment (the tenancy for a top-level one).</summary>
    public string? CompartmentId { get; init; }

    public string? Name { get; init; }

    public string? LifecycleState { get; init; }
}
