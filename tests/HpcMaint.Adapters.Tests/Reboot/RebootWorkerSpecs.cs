using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Tests.Audit;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;
using HpcMaint.FakeOpenStack;
using HpcMaint.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace HpcMaint.Adapters.Tests.Reboot;

/// <summary>The detached worker's OpenStack work, against the fake Keystone + Nova.</summary>
public sealed class RebootWorkerSpecs : IDisposable
{
    private const string NewImage = FakeCloudFixture.NewImage;
    private const string OldImage = FakeCloudFixture.OldImage;

    private readonly MemoryJournal journal = new();
    private readonly RecordingDrainer drainer = new();
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-worker-").FullName;

    private string MetricsFile => Path.Combine(dir, "reboot.prom");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private IReadOnlyList<Sample> Metrics() => PrometheusText.Parse(File.ReadAllText(MetricsFile));

    private static RebootAction Rebuild(string node, string image = NewImage) =>
        new(node, RebootMethod.OpenStackRebuild, [], image, $"rebuild job 1 asks for image {image}");

    private static RebootAction SoftReboot(string node) => new(node, RebootMethod.OpenStackSoftReboot, [], null, "requested by Slurm");

    private RebootWorker Worker(FakeCloudFixture fake, OpenStackSettings? settings = null, OpenStackClientOptions? options = null) =>
        new(OpenStackCloud.Over(fake.Client(options: options), new ServerMapping.ByName(), settings ?? new OpenStackSettings { RebuildTimeout = TimeSpan.FromSeconds(20) }),
            drainer, new RebootJournal(journal, TimeProvider.System, NullLogger.Instance), new RebootMetrics(MetricsFile, TimeProvider.System), NullLogger.Instance);

    [Fact]
    public async Task A_server_on_another_image_is_rebuilt_once_and_the_outcome_is_journaled()
    {
        await using var fake = await FakeCloudFixture.StartAsync();

        var failed = await Worker(fake).RunAsync([Rebuild("n1")], "controller", CancellationToken.None);

        Assert.Equal(0, failed);
        Assert.Equal((NewImage, "ACTIVE"), (fake.Cloud.Find("n1")!.ImageId, fake.Cloud.Find("n1")!.Status));
        Assert.Equal(1, fake.Cloud.Log().RebuildsPerServer[FakeCloudFixture.IdOf("n1")]);
        var record = Assert.Single(journal.Records);
        Assert.Equal((AuditOutcome.Succeeded, "openstack-rebuild", NewImage), (record.Outcome, record.Details["method"], record.Details["image"]));
        Assert.Equal(FakeCloudFixture.IdOf("n1"), record.Details["server"]);
        Assert.Empty(drainer.Drains);
    }

    [Fact]
    public async Task A_server_on_the_target_image_already_is_rebooted_not_rebuilt()
    {
        await using var fake = await FakeCloudFixture.StartAsync();

        var failed = await Worker(fake).RunAsync([Rebuild("n2", OldImage)], "slurmd", CancellationToken.None);

        Assert.Equal(0, failed);
        Assert.Empty(fake.Calls("rebuild"));
        Assert.Single(fake.Calls("reboot-soft"));
        Assert.Equal(
            new[] { (AuditOutcome.Planned, "openstack-soft-reboot"), (AuditOutcome.Succeeded, "openstack-soft-reboot") },
            journal.Records.Select(r => (r.Outcome, r.Details["method"])));
        Assert.Contains("runs image img-old already", journal.Records[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hard_reboot_is_asked_for_when_configured()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var action = new RebootAction("n3", RebootMethod.OpenStackHardReboot, [], null, "requested by Slurm");

        await Worker(fake).RunAsync([action], "controller", CancellationToken.None);

        // The calls, not the server's status: HARD_REBOOT is over by the time a busy machine asserts.
        Assert.Single(fake.Calls("reboot-hard"));
        Assert.Empty(fake.Calls("reboot-soft"));
    }

    [Fact]
    public async Task A_rebuild_that_ends_in_ERROR_drains_its_node_with_the_fault_and_the_others_go_on()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        fake.Cloud.PlantRebuildFault("n3", 500, "No valid host was found.");

        var failed = await Worker(fake).RunAsync([Rebuild("n1"), Rebuild("n3"), SoftReboot("n4")], "controller", CancellationToken.None);

        Assert.Equal(1, failed);
        var (node, reason) = Assert.Single(drainer.Drains);
        Assert.Equal("n3", node);
        Assert.StartsWith("hpcmaint: rebuild: ", reason, StringComparison.Ordinal);
        Assert.Contains("No valid host was found.", reason, StringComparison.Ordinal);
        Assert.Equal(NewImage, fake.Cloud.Find("n1")!.ImageId);
        Assert.Equal(
            new[] { ("n1", AuditOutcome.Succeeded), ("n3", AuditOutcome.Failed), ("n4", AuditOutcome.Succeeded) },
            journal.Records.Where(r => r.Action == "reboot").Select(r => (r.Node!, r.Outcome)).Order());
        Assert.Single(journal.Records, r => r.Action == "drain" && r.Node == "n3" && r.Outcome == AuditOutcome.Succeeded);
        var metrics = Metrics();
        Assert.Equal(1, metrics.Value(RebootMetrics.Rebuilds, ("method", "openstack-rebuild"), ("outcome", "succeeded")));
        Assert.Equal(1, metrics.Value(RebootMetrics.Rebuilds, ("method", "openstack-rebuild"), ("outcome", "failed")));
        Assert.Equal(1, metrics.Value(RebootMetrics.Reboots, ("method", "openstack-soft-reboot"), ("outcome", "succeeded")));
        Assert.Equal(1, metrics.Value(RebootMetrics.RebuildDuration + "_count", ("method", "openstack-rebuild"), ("outcome", "failed")));
        Assert.Equal(1, metrics.Value(RebootMetrics.RebootDuration + "_count", ("method", "openstack-soft-reboot"), ("outcome", "succeeded")));
        Assert.Equal(0, metrics.Value(RebootMetrics.InFlightFamily));
    }

    [Fact]
    public async Task While_rebuilds_run_they_are_counted_in_flight_then_timed_and_their_outcome_stamped()
    {
        var phase = TimeSpan.FromMilliseconds(700);
        await using var fake = await FakeCloudFixture.StartAsync(new FakeOptions { RebuildPhase = phase, RebootTime = TimeSpan.FromMilliseconds(100) });
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        var run = Worker(fake).RunAsync([Rebuild("n1"), Rebuild("n2")], "controller", CancellationToken.None);
        var inFlight = await Eventually(() => File.Exists(MetricsFile) && Metrics().Value(RebootMetrics.InFlightFamily) == 2);
        Assert.Equal(0, await run);

        Assert.True(inFlight, "the two rebuilds were never counted in flight");
        var metrics = Metrics();
        var labels = new[] { ("method", "openstack-rebuild"), ("outcome", "succeeded") };
        Assert.Equal(0, metrics.Value(RebootMetrics.InFlightFamily));
        Assert.Equal(2, metrics.Value(RebootMetrics.Rebuilds, labels));
        Assert.Equal(2, metrics.Value(RebootMetrics.RebuildDuration + "_count", labels));
        // Each rebuild spends two phases on the fake cloud before it is ACTIVE.
        Assert.InRange(metrics.Value(RebootMetrics.RebuildDuration + "_sum", labels), 2 * 2 * phase.TotalSeconds, 60);
        Assert.InRange(metrics.Value(RebootMetrics.LastOutcome, labels), before, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_node_without_a_server_is_drained_and_says_so()
    {
        await using var fake = await FakeCloudFixture.StartAsync();

        var failed = await Worker(fake).RunAsync([SoftReboot("n9"), SoftReboot("n1")], "controller", CancellationToken.None);

        Assert.Equal(1, failed);
        Assert.Equal(("n9", "hpcmaint: openstack reboot: no server: no server named 'n9'"), Assert.Single(drainer.Drains));
    }

    [Fact]
    public async Task A_drain_that_fails_is_journaled_as_failed()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        drainer.Answer = "slurm_update error: Invalid node name specified";

        await Worker(fake).RunAsync([SoftReboot("n9")], "controller", CancellationToken.None);

        var drain = Assert.Single(journal.Records, r => r.Action == "drain");
        Assert.Equal((AuditOutcome.Failed, "slurm_update error: Invalid node name specified"), (drain.Outcome, drain.Details["error"]));
    }

    [Fact]
    public async Task Rebuilds_of_many_nodes_stay_within_the_in_flight_limit()
    {
        string[] nodes = ["r1", "r2", "r3", "r4", "r5", "r6"];
        await using var fake = await FakeCloudFixture.StartAsync(servers: FakeCloudFixture.Names(nodes));
        var options = FakeCloudFixture.FastOptions with { MaxInFlight = 2 };

        var failed = await Worker(fake, options: options).RunAsync(nodes.Select(n => Rebuild(n)).ToArray(), "controller", CancellationToken.None);

        Assert.Equal(0, failed);
        var log = fake.Cloud.Log();
        Assert.InRange(log.MaxRebuilds, 1, 2);
        Assert.All(nodes, n => Assert.Equal(1, log.RebuildsPerServer[FakeCloudFixture.IdOf(n)]));
    }

    [Fact]
    public async Task When_the_cloud_cannot_be_reached_every_node_fails_and_is_drained()
    {
        var failed = await RebootWorker.FailAllAsync(
            [SoftReboot("n1"), Rebuild("n2")], "controller", "clouds.yaml: no clouds.yaml found", drainer,
            new RebootJournal(journal, TimeProvider.System, NullLogger.Instance), new RebootMetrics(MetricsFile, TimeProvider.System), CancellationToken.None);

        Assert.Equal(2, failed);
        var metrics = Metrics();
        Assert.Equal(1, metrics.Value(RebootMetrics.Reboots, ("method", "openstack-soft-reboot"), ("outcome", "failed")));
        Assert.Equal(1, metrics.Value(RebootMetrics.Rebuilds, ("method", "openstack-rebuild"), ("outcome", "failed")));
        Assert.DoesNotContain(metrics, m => m.Name.Contains("duration", StringComparison.Ordinal)); // nothing was carried out to time
        Assert.Equal(new[] { "n1", "n2" }, drainer.Drains.Select(d => d.Node));
        // The reasons say what failed, in the words the rebuild job's prolog recognises (it fails the job at once).
        Assert.Equal(
            new[] { "hpcmaint: openstack reboot: clouds.yaml: no clouds.yaml found", "hpcmaint: rebuild: clouds.yaml: no clouds.yaml found" },
            drainer.Drains.Select(d => d.Reason));
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (TimeProvider.System.TimestampFrequency * 20);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return false;
    }

    private sealed class RecordingDrainer : INodeDrainer
    {
        private readonly List<(string Node, string Reason)> drains = [];

        public string? Answer { get; set; }

        public List<(string Node, string Reason)> Drains
        {
            get
            {
                lock (drains)
                {
                    return [.. drains];
                }
            }
        }

        public Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken)
        {
            lock (drains)
            {
                drains.Add((node, reason));
            }

            return Task.FromResult(Answer);
        }
    }
}
