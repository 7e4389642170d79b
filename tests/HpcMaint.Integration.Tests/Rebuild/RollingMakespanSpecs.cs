using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Testbed;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// Admission by when capacity frees up, timed: a rolling reboot at 25 % takes as long whichever node's
/// work ends first (the node-name order took 36.6 s with n1 = 20 s … n4 = 5 s against 24.6 s).
/// </summary>
[Collection(RebuildCollection.Name)]
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
}
