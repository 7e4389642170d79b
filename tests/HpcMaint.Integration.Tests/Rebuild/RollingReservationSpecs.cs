using System.Diagnostics;
using System.Globalization;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint reboot|rebuild --strategy reservation` on the 4-node testbed with user work: one MAINT
/// reservation per node from its last job's end, each node rebooted once, never more than 1 of 4 out,
/// a short job still run before a reservation, no reservation left, retries, SIGKILL and resume; and
/// `--what-if`, which predicts the real run's makespan within 20 % and changes nothing.
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class RollingReservationSpecs(RebuildTestbed testbed, ITestOutputHelper output)
{
    private TestbedCluster Cluster => testbed.Cluster;

    [Fact]
    public async Task A_reboot_by_reservation_at_25_percent_reboots_each_node_once_from_its_last_jobs_end_with_1_of_4_out_at_most()
    {
        await testbed.SetImageAsync("old");
        var before = Reboots();
        var (jobs, fitted) = await UserWorkAsync();

        using var sampling = new CancellationTokenSource();
        var sampler = RebuildObservations.SampleUnavailableAsync(Cluster, sampling.Token);
        var clock = Stopwatch.StartNew();
        var reboot = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation");
        var took = clock.Elapsed;
        await sampling.CancelAsync();
        var samples = await sampler;

        Assert.True(reboot.IsSuccess, reboot.StandardOutput + reboot.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        var plan = testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot);
        await AssertRolledAsync(plan, before, jobs, samples);
        Assert.Contains("JobState=COMPLETED", await fitted, StringComparison.Ordinal);
        output.WriteLine($"reboot --strategy reservation of 4 nodes: {took.TotalSeconds:0.0} s; samples {string.Join(' ', samples)}");
    }

    [Fact]
    public async Task A_rebuild_by_reservation_rebuilds_each_node_once_to_the_image_and_leaves_no_reservation()
    {
        await testbed.SetImageAsync("old");
        var before = Reboots();
        var (jobs, fitted) = await UserWorkAsync();

        using var sampling = new CancellationTokenSource();
        var sampler = RebuildObservations.SampleUnavailableAsync(Cluster, sampling.Token);
        var rebuild = await testbed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "r1", "--max-down", "25", "--strategy", "reservation");
        await sampling.CancelAsync();
        var samples = await sampler;

        Assert.True(rebuild.IsSuccess, rebuild.StandardOutput + rebuild.StandardError + "\n" + testbed.Diagnosis("r1"));
        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "r1");
        await AssertRolledAsync(plan, before, jobs, samples);
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("r1"));
        Assert.Contains("JobState=COMPLETED", await fitted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_with_SIGKILL_mid_way_then_resumed_no_node_is_rebooted_twice_and_no_reservation_is_left()
    {
        await testbed.SetImageAsync("old");
        var before = Reboots();
        var start = Reboots().Values.Sum();

        using (var runner = testbed.StartHpcmaint("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation"))
        {
            var halfway = await TestbedSlurm.Eventually(() => Task.FromResult(Reboots().Values.Sum() - start >= 2), seconds: 90);
            runner.Kill();
            await runner.WaitForExitAsync();
            Assert.True(halfway, "the reboot did not get half-way: " + testbed.OutputOf(runner));
        }

        var plan = testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot);
        Assert.Equal(PlanStatus.Running, plan.Status);
        var resume = await testbed.HpcmaintAsync("reboot", "resume", plan.Id);

        Assert.True(resume.IsSuccess, resume.StandardOutput + resume.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        Assert.Equal(PlanStatus.Finished, testbed.Plans.Load(plan.Id, out _)!.Status);
        Assert.All(testbed.Plans.Load(plan.Id, out _)!.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        var after = Reboots();
        Assert.All(Cluster.NodeNames, n => Assert.Equal(1, after.GetValueOrDefault(n) - before.GetValueOrDefault(n)));
        Assert.Empty(await OwnReservationsAsync());
    }


    private async Task AssertRolledAsync(RebuildPlan plan, IReadOnlyDictionary<string, int> before, Dictionary<string, string> jobs, List<int> samples)
    {
        Assert.All(plan.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        Assert.True(samples.Count > 10, $"only {samples.Count} samples");
        Assert.True(samples.Max() <= 1, $"at most 1 of 4 nodes out at 25 %, sampled: {string.Join(' ', samples)}");
        var after = Reboots();
        Assert.All(Cluster.NodeNames, n => Assert.Equal(1, after.GetValueOrDefault(n) - before.GetValueOrDefault(n)));
        Assert.Empty(await OwnReservationsAsync());
        var nodes = (await TestbedSlurm.Client(Cluster).GetNodesAsync()).Value;
        Assert.All(nodes, n => Assert.False(n.State.IsUnavailable, $"{n.Name} is {n.State} ({n.Reason})"));

        // Each node's reservation started at its user job's expected end (start + 2 min), or now once that job had ended.
        var journal = Journal(plan.Id);
        foreach (var node in Cluster.NodeNames)
        {
            var created = Assert.Single(journal, r => r.Node == node && r.Action == "rebuild.reservation");
            var from = created.Reason![(created.Reason!.LastIndexOf("from ", StringComparison.Ordinal) + 5)..];
            var job = await Cluster.ShowJobAsync(jobs[node]);
            var (_, jobStart, jobEnd) = await RebuildObservations.JobTimesAsync(Cluster, jobs[node]);
            var expectedEnd = new DateTimeOffset(jobStart).AddMinutes(2);
            if (from == "now")
            {
                Assert.True(new DateTimeOffset(jobEnd) <= created.Timestamp.AddSeconds(1), $"{node}: reserved from now at {created.Timestamp:T} while its job ran until {jobEnd:T}");
            }
            else
            {
                var at = DateTimeOffset.Parse(from, CultureInfo.InvariantCulture);
                Assert.True(Math.Abs((at - expectedEnd).TotalSeconds) <= 1, $"{node}: reservation from {at:u}, its job's expected end {expectedEnd:u} ({job})");
                Assert.Contains(journal, r => r.Node == node && r.Action == "rebuild.reservation_move" && r.Reason!.EndsWith("now starts now", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>A job of 6–24 s (time limit 2 min) on each node, n1's on one of its two CPUs; and the short job that fits before n1's reservation.</summary>
    private async Task<(Dictionary<string, string> Jobs, Task<string> Fitted)> UserWorkAsync()
    {
        var jobs = new Dictionary<string, string>
        {
            ["n1"] = await Cluster.SubmitAsync("-p", "batch", "-w", "n1", "-n", "1", "--time=2", "-o", "/dev/null", "--wrap", "sleep 8"),
            ["n2"] = await Cluster.SubmitAsync("-p", "batch", "-w", "n2", "--exclusive", "--time=2", "-o", "/dev/null", "--wrap", "sleep 14"),
            ["n3"] = await Cluster.SubmitAsync("-p", "batch", "-w", "n3", "--exclusive", "--time=2", "-o", "/dev/null", "--wrap", "sleep 20"),
            ["n4"] = await Cluster.SubmitAsync("-p", "batch", "-w", "n4", "--exclusive", "--time=2", "-o", "/dev/null", "--wrap", "sleep 26"),
        };
        foreach (var job in jobs.Values)
        {
            Assert.True(await TestbedSlurm.Eventually(async () => (await Cluster.ShowJobAsync(job)).Contains("JobState=RUNNING", StringComparison.Ordinal)), $"user job {job} did not start");
        }

        return (jobs, FitBeforeReservationAsync());
    }

    /// <summary>Once n1's reservation exists (from its job's end, 2 min on): a 1-minute job on n1's free CPU still runs before it.</summary>
    private async Task<string> FitBeforeReservationAsync()
    {
        Assert.True(await TestbedSlurm.Eventually(async () => (await OwnReservationsAsync()).Any(r => r.EndsWith("-n1", StringComparison.Ordinal)), seconds: 60), "no reservation for n1");
        var fitted = await Cluster.SubmitAsync("-p", "batch", "-w", "n1", "-n", "1", "--time=1", "-o", "/dev/null", "--wrap", "sleep 2");
        Assert.True(
            await TestbedSlurm.Eventually(async () => (await Cluster.ShowJobAsync(fitted)).Contains("JobState=COMPLETED", StringComparison.Ordinal), seconds: 90),
            "the short job did not run before the reservation: " + await Cluster.ShowJobAsync(fitted));
        return await Cluster.ShowJobAsync(fitted);
    }

    private Task<IReadOnlyList<string>> OwnReservationsAsync() => RebuildObservations.OwnReservationsAsync(Cluster);

    private Dictionary<string, int> Reboots() => Cluster.NodeNames.ToDictionary(n => n, Cluster.RebootCount);

    private AuditRecord[] Journal(string plan) => testbed.JournalOf(plan);
}
