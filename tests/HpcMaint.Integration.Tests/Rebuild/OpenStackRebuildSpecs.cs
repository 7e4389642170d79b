using HpcMaint.Adapters.Audit;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using HpcMaint.FakeOpenStack;
using HpcMaint.Integration.Tests.Slurm;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint rebuild` with hpcmaint-reboot as RebootProgram, rebuilding through the fake OpenStack:
/// the images come from Nova, each rebuild job's reboot becomes one Nova rebuild, and a server that
/// ends in ERROR costs its node only.
/// </summary>
public sealed class OpenStackRebuildSpecs
{
    private static readonly string[] Nodes = ["n1", "n2", "n3", "n4"];

    [Fact]
    public async Task At_25_percent_with_user_jobs_every_node_ends_on_the_image_rebuilt_once_and_never_more_than_one_out()
    {
        await using var bed = await OpenStackRebuildBed.StartAsync(maxInFlight: 10);
        bed.SetImage("img-v2", "n4");
        var (running, queued) = await RebuildObservations.UserWorkAsync(bed.Cluster, ("n1", 3), ("n2", 15), ("n3", 27), ("n4", 2));

        using var sampling = new CancellationTokenSource();
        var sampler = RebuildObservations.SampleUnavailableAsync(bed.Cluster, sampling.Token);
        var rebuild = await bed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "img-v2", "--max-down", "25");
        await sampling.CancelAsync();
        var samples = await sampler;

        Assert.True(rebuild.IsSuccess, await bed.DescribeAsync(rebuild));
        Assert.Empty(bed.InstanceProblems);
        Assert.True(samples.Count > 10, $"only {samples.Count} samples");
        Assert.True(samples.Max() <= 1, $"at most 1 of 4 nodes out at 25 %, sampled: {string.Join(' ', samples)}");
        var log = bed.Fake.Cloud.Log();
        Assert.Equal(new[] { "n1", "n2", "n3" }.ToDictionary(FakeServerFile.IdFor, _ => 1), log.RebuildsPerServer);
        Assert.Equal(1, log.MaxRebuilds); // the budget's one node at a time; the in-flight limit is the ERROR spec's
        Assert.All(Nodes, n => Assert.Equal("img-v2", bed.Fake.Cloud.Find(n)!.ImageId));
        Assert.True(await InServiceAsync(bed, Nodes), string.Join(", ", (await bed.Cluster.NodeStatesAsync()).Select(s => s.Key + "=" + s.Value)));

        var plan = Assert.Single(bed.Plans.All());
        Assert.Equal(RebuildStep.Skipped, plan.Find("n4")!.Step);
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            Assert.Equal(RebuildStep.Done, plan.Find(node)!.Step);
            await RebuildObservations.AssertJumpedTheQueueAsync(bed.Cluster, node, plan.Find(node)!.JobId!.Value, running[node], queued[node]);
        }

        var journal = new AuditJournal(bed.JournalPath).Read(new AuditFilter(), out _);
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            Assert.Single(journal, r => r.Node == node && r.Action == "rebuild.admit");
            var rebuilt = Assert.Single(journal, r => r.Node == node && r.Action == "reboot" && r.Outcome == AuditOutcome.Succeeded);
            Assert.Equal(("openstack-rebuild", "img-v2", "controller"), (rebuilt.Details["method"], rebuilt.Details["image"], rebuilt.Details["mode"]));
        }

        Assert.Contains(journal, r => r.Node == "n4" && r.Reason!.Contains("already on img-v2", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, r => r.Node == "n4" && r.Action == "reboot");
    }

    [Fact]
    public async Task A_server_that_ends_in_ERROR_leaves_its_node_drained_and_the_others_are_rebuilt_within_the_in_flight_limit()
    {
        await using var bed = await OpenStackRebuildBed.StartAsync(maxInFlight: 1);
        bed.Fake.Cloud.PlantRebuildFault("n1", 500, "No valid host was found.");

        var rebuild = await bed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "img-v3", "--max-down", "50");

        Assert.True(rebuild.ExitCode == 1, await bed.DescribeAsync(rebuild));
        Assert.Empty(bed.InstanceProblems);
        var log = bed.Fake.Cloud.Log();
        Assert.Equal(Nodes.ToDictionary(FakeServerFile.IdFor, _ => 1), log.RebuildsPerServer);
        Assert.Equal(1, log.MaxRebuilds);
        Assert.Equal("ERROR", bed.Fake.Cloud.Find("n1")!.Status);
        Assert.All(Nodes.Skip(1), n => Assert.Equal(("img-v3", "ACTIVE"), (bed.Fake.Cloud.Find(n)!.ImageId, bed.Fake.Cloud.Find(n)!.Status)));
        Assert.True(await InServiceAsync(bed, "n2", "n3", "n4"));
        var n1 = await TestbedSlurm.Client(bed.Cluster).NodeAsync("n1");
        Assert.True(n1.State.IsDrainSet, n1.State.ToString());
        // A pending reboot would time out at ResumeTimeout and Slurm would replace the drain with DOWN.
        Assert.False(n1.State.Has(NodeFlags.RebootIssued), n1.State.ToString());
        Assert.StartsWith("hpcmaint: rebuild: ", n1.Reason, StringComparison.Ordinal);
        Assert.Contains("No valid host was found.", n1.Reason, StringComparison.Ordinal);

        var plan = Assert.Single(bed.Plans.All());
        Assert.Equal(PlanStatus.Finished, plan.Status);
        Assert.Equal(RebuildStep.Failed, plan.Find("n1")!.Step);
        Assert.All(Nodes.Skip(1), n => Assert.Equal(RebuildStep.Done, plan.Find(n)!.Step));
    }

    private static async Task<bool> InServiceAsync(OpenStackRebuildBed bed, params string[] nodes) =>
        await TestbedSlurm.Eventually(async () =>
        {
            var now = (await TestbedSlurm.Client(bed.Cluster).GetNodesAsync()).Value.Where(n => nodes.Contains(n.Name)).ToArray();
            return now.Length == nodes.Length && now.All(n => !n.State.IsUnavailable);
        }, seconds: 30);
}
