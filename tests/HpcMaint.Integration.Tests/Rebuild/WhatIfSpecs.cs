using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint reboot --what-if` on the 4-node testbed with user jobs of different lengths: it predicts the
/// real run's makespan within 20 %, changes nothing in Slurm and writes no plan; the real run keeps its
/// prediction and `status` shows it against the actual.
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class WhatIfSpecs(RebuildTestbed testbed, ITestOutputHelper output)
{
    private TestbedCluster Cluster => testbed.Cluster;

    [HostReleaseFact]
    public async Task The_what_if_of_a_reboot_by_reservation_at_25_percent_predicts_the_real_runs_makespan_within_20_percent()
    {
        await testbed.WaitQuietAsync();

        // Earlier reboots of these nodes, which the prediction takes each node's reboot duration from.
        var seed = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "100", "--strategy", "reservation");
        Assert.True(seed.IsSuccess, seed.StandardOutput + seed.StandardError + "\n" + testbed.Diagnosis(string.Empty));
        await UserWorkAsync(("n1", 2, 115), ("n2", 1, 55), ("n3", 2, 110), ("n4", 1, 50));
        var plansBefore = testbed.Plans.All().Count;

        var whatIf = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation", "--what-if", "--json");

        Assert.True(whatIf.IsSuccess, whatIf.StandardOutput + whatIf.StandardError);
        using var doc = JsonDocument.Parse(whatIf.StandardOutput);
        var prediction = doc.RootElement.GetProperty("prediction");
        Assert.Equal(0, prediction.GetProperty("unpredicted").GetArrayLength());
        Assert.Equal(4, prediction.GetProperty("waves").GetInt32());
        Assert.All(prediction.GetProperty("nodes").EnumerateArray(), n =>
            Assert.StartsWith("median of ", n.GetProperty("estimate_source").GetString(), StringComparison.Ordinal));
        var predicted = prediction.GetProperty("makespan_seconds").GetDouble();
        Assert.Equal(plansBefore, testbed.Plans.All().Count);
        Assert.Empty(await RebuildObservations.OwnReservationsAsync(Cluster));

        var clock = Stopwatch.StartNew();
        var reboot = await testbed.HpcmaintAsync("reboot", "--partition", "batch", "--max-down", "25", "--strategy", "reservation");
        var took = clock.Elapsed;

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

    /// <summary>A job on each node running just under its time limit (whole minutes: squeue's end time, which the prediction reads, is start + limit).</summary>
    private async Task UserWorkAsync(params (string Node, int Minutes, int Seconds)[] work)
    {
        var jobs = new List<string>();
        foreach (var (node, minutes, seconds) in work)
        {
            jobs.Add(await Cluster.SubmitAsync("-p", "batch", "-w", node, "--exclusive", "--time", minutes.ToString(CultureInfo.InvariantCulture), "-o", "/dev/null", "--wrap", $"sleep {seconds}"));
        }

        foreach (var job in jobs)
        {
            Assert.True(await TestbedSlurm.Eventually(async () => (await Cluster.ShowJobAsync(job)).Contains("JobState=RUNNING", StringComparison.Ordinal)), $"user job {job} did not start");
        }
    }
}
