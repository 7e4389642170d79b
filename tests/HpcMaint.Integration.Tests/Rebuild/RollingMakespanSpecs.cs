using System.Globalization;
using System.Text.Json;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// Admission by when capacity frees up, timed: a rolling reboot at 25 % takes as long whichever node's
/// work ends first (the node-name order took 36.6 s with n1 = 20 s … n4 = 5 s against 24.6 s);
/// and `--what-if` predicts the real run's makespan within 20 %.
/// </summary>
[Collection(RebuildTimingCollection.Name)]
public sealed class RollingMakespanSpecs(RebuildTestbed testbed, ITestOutputHelper output)
{
    [HostReleaseFact]
    public async Task With_jobs_of_20_15_10_5_s_on_n1_to_n4_a_reboot_by_reservation_at_25_percent_takes_at_most_1_1_times_as_long_as_with_5_10_15_20_s()
    {
        var shortestFirst = await MakespanAsync(("n1", 5), ("n2", 10), ("n3", 15), ("n4", 20));
        var longestFirst = await MakespanAsync(("n1", 20), ("n2", 15), ("n3", 10), ("n4", 5));

        var ratio = longestFirst.TotalSeconds / shortestFirst.TotalSeconds;
        output.WriteLine($"reboot --strategy reservation at 25 %: 5/10/15/20 s {shortestFirst.TotalSeconds:0.0} s, 20/15/10/5 s {longestFirst.TotalSeconds:0.0} s, ratio {ratio:0.00}");
        Assert.True(ratio <= 1.1, $"with the longest job on n1 the reboot took {longestFirst.TotalSeconds:0.0} s, {ratio:0.00} × the {shortestFirst.TotalSeconds:0.0} s with the shortest there");
    }

    [HostReleaseFact]
    public async Task The_what_if_of_a_reboot_by_reservation_at_25_percent_predicts_the_real_runs_makespan_within_20_percent()
    {
        await testbed.WaitQuietAsync();

        // Earlier reboots of these nodes, which the prediction takes each node's reboot duration from.
        var seed = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "100", "--strategy", "reservation");
        Assert.True(seed.IsSuccess, seed.StandardOutput + seed.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        // n2 and n4 idle (rebooted first), n1 and n3 busy for about a minute (Slurm's smallest time limit): the
        // shortest spec in which job end times, not the reboots, decide most of the makespan.
        await JobsUnderTheirLimitsAsync(testbed.Cluster, ("n1", 1, 55), ("n3", 1, 57));
        var plansBefore = testbed.Plans.All().Count;

        var whatIf = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation", "--what-if", "--json");

        Assert.True(whatIf.IsSuccess, whatIf.StandardOutput + whatIf.StandardError);
        using var doc = JsonDocument.Parse(whatIf.StandardOutput);
        var prediction = doc.RootElement.GetProperty("prediction");
        Assert.Empty(prediction.GetProperty("unpredicted").EnumerateObject());
        Assert.Equal(4, prediction.GetProperty("waves").GetInt32());
        Assert.All(prediction.GetProperty("nodes").EnumerateArray(), n =>
            Assert.StartsWith("median of ", n.GetProperty("estimate_source").GetString(), StringComparison.Ordinal));
        var predicted = prediction.GetProperty("makespan_seconds").GetDouble();
        Assert.Equal(plansBefore, testbed.Plans.All().Count);
        Assert.Empty(await RebuildObservations.OwnReservationsAsync(testbed.Cluster));

        var started = TimeProvider.System.GetTimestamp();
        var reboot = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation");
        var took = TimeProvider.System.GetElapsedTime(started);

        Assert.True(reboot.IsSuccess, reboot.StandardOutput + reboot.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        var plan = testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot);
        Assert.All(plan.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        var actual = (plan.Nodes.Max(n => n.Since) - plan.Created).TotalSeconds;
        var kept = plan.Prediction!.Makespan!.Value.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"what-if predicted {predicted:0.0} s; the run kept {kept:0.0} s; actual makespan {actual:0.0} s (the command took {took.TotalSeconds:0.0} s); {Math.Abs(actual - predicted) / predicted * 100:0.0} % off"));
        Assert.True(Math.Abs(actual - predicted) <= 0.2 * predicted, $"predicted {predicted:0.0} s, actual {actual:0.0} s\n{whatIf.StandardOutput}\n{reboot.StandardOutput}");

        var status = await testbed.HpcmaintAsync("reboot", "status", plan.Id);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"predicted makespan {kept:0.0} s, actual "), status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PREDICTED START", status.StandardOutput, StringComparison.Ordinal);
        output.WriteLine(status.StandardOutput);
    }

    /// <summary>How long `hpcmaint reboot` takes from the moment the user jobs run on their nodes.</summary>
    private async Task<TimeSpan> MakespanAsync(params (string Node, int Seconds)[] work)
    {
        await testbed.WaitQuietAsync();
        await RebuildObservations.RunningWorkAsync(testbed.Cluster, work);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reboot = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation");
        var took = clock.Elapsed;

        Assert.True(reboot.IsSuccess, reboot.StandardOutput + reboot.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        Assert.All(testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot).Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        return took;
    }

    /// <summary>A job on each node running just under its time limit (whole minutes: squeue's end time, which the prediction reads, is start + limit).</summary>
    private static async Task JobsUnderTheirLimitsAsync(TestbedCluster cluster, params (string Node, int Minutes, int Seconds)[] work)
    {
        var jobs = new List<string>();
        foreach (var (node, minutes, seconds) in work)
        {
            jobs.Add(await cluster.SubmitAsync("-p", "batch", "-w", node, "--exclusive", "--time", minutes.ToString(CultureInfo.InvariantCulture), "-o", "/dev/null", "--wrap", $"sleep {seconds}"));
        }

        foreach (var job in jobs)
        {
            Assert.True(await TestbedSlurm.Eventually(async () => (await cluster.ShowJobAsync(job)).Contains("JobState=RUNNING", StringComparison.Ordinal)), $"user job {job} did not start");
        }
    }
}
