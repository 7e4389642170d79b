using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// The OCI maintenance specs share one 4-node testbed (a start costs more than most of them) and run one at a
/// time; each starts from <see cref="OciScene.StartAsync"/>'s reset, not from what the one before left.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OciTestbedCollection : ICollectionFixture<SharedTestbed>
{
    public const string Name = "oci-testbed";
}
