using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Cloud;

/// <summary>
/// What hpcmaint asks of the cloud its nodes run in. The reboot worker and the rebuild's image source
/// use only this; each provider (OpenStack) implements it in its own adapter folder, and the config
/// chooses one in one place. Every expected failure is a <see cref="Problem"/>.
/// </summary>
public interface ICloud : IDisposable
{
    /// <summary>For messages and the journal: "openstack".</summary>
    string Name { get; }

    /// <summary>The provider's config asks for a hard reboot where a reboot replaces a rebuild (the node runs the image already).</summary>
    bool HardReboots { get; }

    /// <summary>The instance a Slurm node runs on, found through the provider's mapping.</summary>
    Task<Result<CloudInstance>> FindInstanceAsync(string node, CancellationToken cancellationToken);

    /// <summary>Every node's image at once (one listing per planning pass, not one call per node).</summary>
    Task<Result<IReadOnlyDictionary<string, NodeImage>>> ImagesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken);

    /// <summary>Asks for a reboot; accepted is done (the node's boot is Slurm's to see).</summary>
    Task<Result<CloudOperation>> RebootAsync(CloudInstance instance, bool hard, CancellationToken cancellationToken);

    /// <summary>Starts putting <paramref name="image"/> on the instance; follow the operation with <see cref="FollowAsync"/>, then dispose it.</summary>
    Task<Result<CloudOperation>> RebuildAsync(CloudInstance instance, string image, CancellationToken cancellationToken);

    /// <summary>Waits, within the provider's configured time, until the operation has ended: the instance as it ended, or why it failed.</summary>
    Task<Result<CloudInstance>> FollowAsync(CloudOperation operation, CancellationToken cancellationToken);
}
