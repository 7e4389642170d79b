using HpcMaint.Core;
using HpcMaint.Core.Cloud;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Tests.Cloud;

/// <summary>
/// A second cloud provider, only for the specs: instances in a dictionary, node name = instance id.
/// It proves the seam is enough: the reboot worker and a rebuild plan run on it unchanged.
/// </summary>
internal sealed class InMemoryCloud(IReadOnlyDictionary<string, string?> imageByNode, bool hardReboots = false) : ICloud
{
    private readonly Dictionary<string, CloudInstance> instances =
        imageByNode.ToDictionary(p => p.Key, p => new CloudInstance("vm-" + p.Key, p.Value, "RUNNING"), StringComparer.Ordinal);

    private readonly List<string> calls = [];

    public string Name => "in-memory";

    public bool HardReboots => hardReboots;

    /// <summary>Nodes whose rebuild ends in failure, with the cloud's words.</summary>
    public Dictionary<string, string> FailingRebuilds { get; } = new(StringComparer.Ordinal);

    /// <summary>What was asked, in order: "reboot-soft vm-a1", "rebuild vm-a1 img-new", "follow vm-a1", "release vm-a1".</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (calls)
            {
                return [.. calls];
            }
        }
    }

    public bool Disposed { get; private set; }

    public string? ImageOf(string node)
    {
        lock (instances)
        {
            return instances[node].Image;
        }
    }

    public Task<Result<CloudInstance>> FindInstanceAsync(string node, CancellationToken cancellationToken)
    {
        lock (instances)
        {
            return Task.FromResult<Result<CloudInstance>>(
                instances.TryGetValue(node, out var instance) ? instance : new Problem(ProblemKind.NotFound, $"no instance for {node}"));
        }
    }

    public Task<Result<IReadOnlyDictionary<string, NodeImage>>> ImagesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        Call("list");
        lock (instances)
        {
            var images = nodes.ToDictionary(
                n => n, n => instances.TryGetValue(n, out var i) ? NodeImage.Of(i.Image) : NodeImage.Unknown($"no instance for {n}"), StringComparer.Ordinal);
            return Task.FromResult<Result<IReadOnlyDictionary<string, NodeImage>>>(images);
        }
    }

    public Task<Result<CloudOperation>> RebootAsync(CloudInstance instance, bool hard, CancellationToken cancellationToken)
    {
        Call($"reboot-{(hard ? "hard" : "soft")} {instance.Id}");
        return Task.FromResult<Result<CloudOperation>>(new CloudOperation(instance.Id, "reboot", "req-" + instance.Id));
    }

    public Task<Result<CloudOperation>> RebuildAsync(CloudInstance instance, string image, CancellationToken cancellationToken)
    {
        Call($"rebuild {instance.Id} {image}");
        return Task.FromResult<Result<CloudOperation>>(
            new CloudOperation(instance.Id, "rebuild", "req-" + instance.Id, image, new Release(() => Call("release " + instance.Id))));
    }

    public Task<Result<CloudInstance>> FollowAsync(CloudOperation operation, CancellationToken cancellationToken)
    {
        Call("follow " + operation.InstanceId);
        var node = operation.InstanceId["vm-".Length..];
        if (FailingRebuilds.TryGetValue(node, out var words))
        {
            return Task.FromResult<Result<CloudInstance>>(Problem.Failed(words));
        }

        lock (instances)
        {
            var done = instances[node] with { Image = operation.Image, Status = "RUNNING" };
            instances[node] = done;
            return Task.FromResult<Result<CloudInstance>>(done);
        }
    }

    public void Dispose() => Disposed = true;

    private void Call(string what)
    {
        lock (calls)
        {
            calls.Add(what);
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
