using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.CloudMaintenance;

/// <summary>Slurm's nodes in memory for the maintenance loop's specs: drains and resumes change them and are counted.</summary>
internal sealed class MemorySlurm : ISlurmReader, ISlurmNodeStates, ISlurmNodeRecords
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);

    public MemorySlurm(IEnumerable<string> names, DateTimeOffset boot)
    {
        foreach (var name in names)
        {
            nodes[name] = new Node(name, new NodeState(NodeBaseState.Idle, NodeFlags.None), null, null, null, boot, null, ["gpu"], [], [], null, null, null);
        }
    }

    public List<string> Writes { get; } = [];

    public Node this[string name]
    {
        get
        {
            lock (gate)
            {
                return nodes[name];
            }
        }

        set
        {
            lock (gate)
            {
                nodes[name] = value;
            }
        }
    }

    public Task<SlurmResult<IReadOnlyList<Node>>> GetNodesAsync(CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult(SlurmResult<IReadOnlyList<Node>>.Success(nodes.Values.ToArray()));
        }
    }

    public Task<SlurmResult<Node>> GetNodeAsync(string name, CancellationToken ct = default) =>
        Task.FromResult(SlurmResult<Node>.Success(this[name]));

    public Task<SlurmResult<string>> DrainAsync(IEnumerable<string> names, string reason, CancellationToken ct = default) =>
        Change(names, "drain " + reason, n => n with { State = n.State with { Flags = n.State.Flags | NodeFlags.Drain }, Reason = reason });

    public Task<SlurmResult<string>> ResumeAsync(IEnumerable<string> names, CancellationToken ct = default) =>
        Change(names, "resume", n => n with { State = n.State with { Flags = n.State.Flags & ~NodeFlags.Drain } });

    public Task<SlurmResult<string>> SetCommentAsync(string node, string comment, CancellationToken ct = default) =>
        Change([node], "comment", n => n with { Comment = comment });

    public Task<SlurmResult<string>> SetExtraAsync(string node, string extra, CancellationToken ct = default) =>
        Change([node], "extra", n => n with { Extra = extra });

    public Task<SlurmResult<string>> RebootAsync(IEnumerable<string> names, RebootRequest request, CancellationToken ct = default) =>
        throw new InvalidOperationException("the maintenance flow never reboots through Slurm");

    public Task<SlurmResult<IReadOnlyList<Partition>>> GetPartitionsAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<SlurmResult<IReadOnlyList<Job>>> GetJobsAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<SlurmResult<IReadOnlyList<Reservation>>> GetReservationsAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<SlurmResult<SlurmVersion>> GetVersionAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<SlurmResult<string>> GetSlurmUserAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<SlurmResult<string>> GetPreemptTypeAsync(CancellationToken ct = default) => throw new NotSupportedException();

    private Task<SlurmResult<string>> Change(IEnumerable<string> names, string what, Func<Node, Node> change)
    {
        lock (gate)
        {
            foreach (var name in names)
            {
                nodes[name] = change(nodes[name]);
                Writes.Add($"{name}: {what}");
            }
        }

        return Task.FromResult(SlurmResult<string>.Success(string.Empty));
    }
}
