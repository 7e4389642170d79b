using HpcMaint.Adapters.Cloud;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Health;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using Microsoft.Extensions.Logging.Abstractions;

namespace HpcMaint.Adapters.Tests.Cloud;

/// <summary>
/// The cloud seam is enough: a provider that is not OpenStack (<see cref="InMemoryCloud"/>) drives the reboot
/// worker and a rebuild plan, neither of which knows which cloud it talks to.
/// </summary>
public sealed class SecondCloudSpecs
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);

    private readonly List<AuditRecord> journal = [];
    private readonly List<(string Node, string Reason)> drains = [];

    private RebootWorker Worker(InMemoryCloud cloud) => new(
        cloud, new Drainer(drains), new RebootJournal(new Journal(journal), TimeProvider.System, NullLogger.Instance),
        new RebootMetrics(null, TimeProvider.System), NullLogger.Instance);

    [Fact]
    public async Task The_reboot_worker_rebuilds_reboots_and_drains_through_another_provider()
    {
        using var cloud = new InMemoryCloud(new Dictionary<string, string?> { ["a1"] = "img-old", ["a2"] = "img-new", ["a3"] = "img-old", ["a4"] = "img-old" }, hardReboots: true);
        cloud.FailingRebuilds["a3"] = "the host has no room";
        RebootAction[] actions =
        [
            new("a1", RebootMethod.OpenStackRebuild, [], "img-new", "rebuild job 1 asks for image img-new"),
            new("a2", RebootMethod.OpenStackRebuild, [], "img-new", "rebuild job 2 asks for image img-new"),
            new("a3", RebootMethod.OpenStackRebuild, [], "img-new", "rebuild job 3 asks for image img-new"),
            new("a4", RebootMethod.OpenStackSoftReboot, [], null, "requested by Slurm"),
        ];

        var failed = await Worker(cloud).RunAsync(actions, "controller", CancellationToken.None);

        Assert.Equal(1, failed);
        Assert.Equal("img-new", cloud.ImageOf("a1"));
        // a2 runs the image already: the provider's own choice of a hard reboot, no rebuild.
        Assert.Equal(
            new[] { "follow vm-a1", "follow vm-a3", "reboot-hard vm-a2", "reboot-soft vm-a4", "rebuild vm-a1 img-new", "rebuild vm-a3 img-new", "release vm-a1", "release vm-a3" },
            cloud.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(("a3", "hpcmaint: rebuild: the host has no room"), Assert.Single(drains));
        Assert.Equal(
            new[] { ("a1", AuditOutcome.Succeeded), ("a2", AuditOutcome.Succeeded), ("a3", AuditOutcome.Failed), ("a4", AuditOutcome.Succeeded) },
            journal.Where(r => r.Action == "reboot" && r.Outcome != AuditOutcome.Planned).Select(r => (r.Node!, r.Outcome)).Order());
        Assert.Equal("vm-a1", journal.Single(r => r.Node == "a1" && r.Outcome == AuditOutcome.Succeeded).Details["server"]);
    }

    [Fact]
    public async Task A_rebuild_plan_reads_its_images_from_another_provider_and_skips_the_nodes_on_the_image()
    {
        using var images = new CloudImageSource(new InMemoryCloud(new Dictionary<string, string?> { ["b1"] = "img-new", ["b2"] = "img-old", ["b3"] = null }));
        var reader = new ClusterReader(new IdleSlurm(["b1", "b2", "b3"]), images, TimeProvider.System, RecordField.Comment);
        var read = await reader.ReadAsync(CancellationToken.None);
        Assert.Null(read.Problem);
        var view = read.Value;
        var request = new RebuildRequest(["b1", "b2", "b3"], "img-new", RebuildStrategy.Job, 100, "--nodes b[1-3]");
        var plan = PlanFactory.Create("rb-1", request, view!, new RebuildSettings(), out var problems);
        Assert.Empty(problems);

        var turn = RebuildStepper.Next(plan, view!, new RebuildSettings());

        Assert.Equal("in-memory", images.Name);
        Assert.Equal(RebuildStep.Skipped, turn.Plan.Find("b1")!.Step);
        Assert.Equal(new[] { "b2", "b3" }, turn.Actions.OfType<RebuildAction.Submit>().Select(a => a.Node).Order(StringComparer.Ordinal));
    }

    private sealed class Journal(List<AuditRecord> records) : IAuditJournal
    {
        public void Append(AuditRecord record)
        {
            lock (records)
            {
                records.Add(record);
            }
        }
    }

    private sealed class Drainer(List<(string Node, string Reason)> drains) : INodeDrainer
    {
        public Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken)
        {
            lock (drains)
            {
                drains.Add((node, reason));
            }

            return Task.FromResult<string?>(null);
        }
    }

    /// <summary>Idle nodes in partition batch, no jobs, no reservations.</summary>
    private sealed class IdleSlurm(string[] names) : ISlurmReader
    {
        public Task<SlurmResult<IReadOnlyList<Node>>> GetNodesAsync(CancellationToken ct = default) =>
            Ok<IReadOnlyList<Node>>(names.Select(n => new Node(n, new NodeState(NodeBaseState.Idle, NodeFlags.None), null, null, null, At, At, ["batch"], [], [], null, null, null)).ToArray());

        public Task<SlurmResult<Node>> GetNodeAsync(string name, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<SlurmResult<IReadOnlyList<Partition>>> GetPartitionsAsync(CancellationToken ct = default) => Ok<IReadOnlyList<Partition>>([]);

        public Task<SlurmResult<IReadOnlyList<Job>>> GetJobsAsync(CancellationToken ct = default) => Ok<IReadOnlyList<Job>>([]);

        public Task<SlurmResult<IReadOnlyList<Reservation>>> GetReservationsAsync(CancellationToken ct = default) => Ok<IReadOnlyList<Reservation>>([]);

        public Task<SlurmResult<SlurmVersion>> GetVersionAsync(CancellationToken ct = default) => Ok(new SlurmVersion(22, 5, 9));

        public Task<SlurmResult<string>> GetSlurmUserAsync(CancellationToken ct = default) => Ok("slurm");

        public Task<SlurmResult<string>> GetPreemptTypeAsync(CancellationToken ct = default) => Ok("preempt/none");

        private static Task<SlurmResult<T>> Ok<T>(T value) => Task.FromResult(SlurmResult<T>.Success(value));
    }
}
