using System.Globalization;
using System.Text.RegularExpressions;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>What the rolling rebuild specs watch on the cluster: nodes out of service over time, and job times.</summary>
internal static partial class RebuildObservations
{
    /// <summary>Every 0.5 s until cancelled: how many of the testbed's nodes Slurm shows out of service.</summary>
    public static async Task<List<int>> SampleUnavailableAsync(TestbedCluster cluster, CancellationToken ct)
    {
        var slurm = TestbedSlurm.Client(cluster);
        var samples = new List<int>();
        while (!ct.IsCancellationRequested)
        {
            var nodes = await slurm.GetNodesAsync(CancellationToken.None);
            if (nodes.IsSuccess)
            {
                samples.Add(nodes.Value.Count(n => n.State.IsUnavailable));
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return samples;
    }

    public static async Task<(DateTime Submit, DateTime Start, DateTime End)> JobTimesAsync(TestbedCluster cluster, string id)
    {
        var record = await cluster.ShowJobAsync(id);
        DateTime Time(string key) => DateTime.Parse(TimeField().Matches(record).First(m => m.Groups[1].Value == key).Groups[2].Value, CultureInfo.InvariantCulture);
        return (Time("SubmitTime"), Time("StartTime"), Time("EndTime"));
    }

    /// <summary>
    /// The rebuild job was queued while its node's user job still ran, started after that job ended, and
    /// before the user job queued earlier. A rebuild job queued only after the node's user jobs had all
    /// started shows nothing about the queue, so the user jobs must outlast the waves before them.
    /// </summary>
    public static async Task AssertJumpedTheQueueAsync(TestbedCluster cluster, string node, long rebuildJob, string running, string queued)
    {
        // The last node's queued job may still wait or run when the rebuild ends (a running job's EndTime
        // is Unknown without a time limit): its times are read once it has completed.
        Assert.True(await TestbedSlurm.Eventually(async () => (await cluster.ShowJobAsync(queued)).Contains("JobState=COMPLETED", StringComparison.Ordinal)), $"{node}: user job {queued} did not complete");
        var r = await JobTimesAsync(cluster, rebuildJob.ToString(CultureInfo.InvariantCulture));
        var a = await JobTimesAsync(cluster, running);
        var b = await JobTimesAsync(cluster, queued);
        // squeue's times have whole seconds: a start in the second of the submission is not ordered by them.
        Assert.True(r.Submit < a.End && r.Submit < b.Start, $"{node}: the rebuild job was queued at {r.Submit:T}, once its user jobs had run ({a.End:T}, {b.Start:T}); make them longer");
        Assert.True(r.Start >= a.End, $"{node}: rebuild job started {r.Start:T}, before its node's running job ended {a.End:T}");
        Assert.True(b.Start >= r.Start, $"{node}: user job queued earlier started {b.Start:T}, before the rebuild job {r.Start:T}");
    }

    /// <summary>The MAINT reservations hpcmaint owns (by their prefix) that Slurm has now.</summary>
    public static async Task<IReadOnlyList<string>> OwnReservationsAsync(TestbedCluster cluster)
    {
        var read = await TestbedSlurm.Client(cluster).GetReservationsAsync();
        Assert.True(read.IsSuccess, read.Error);
        return read.Value.Select(r => r.Name).Where(n => n.StartsWith(Core.Rebuild.MaintenanceReservations.Prefix, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>On each node a running job of the given length and a short one queued behind it; waits until the first ones run.</summary>
    public static async Task<(Dictionary<string, string> Running, Dictionary<string, string> Queued)> UserWorkAsync(TestbedCluster cluster, params (string Node, int Seconds)[] work)
    {
        var running = new Dictionary<string, string>();
        var queued = new Dictionary<string, string>();
        foreach (var (node, seconds) in work)
        {
            // hpcmaint admits the node whose work ends first (squeue's end time: start + time limit). Without a
            // limit every job "ends" a year after its start, and the order would hang on which started a
            // second earlier on a busy machine; a limit that grows with the length keeps it the jobs' order.
            var limit = ((seconds / 5) + 1).ToString(CultureInfo.InvariantCulture);
            running[node] = await cluster.SubmitAsync("-p", "batch", "-w", node, "--exclusive", "--time", limit, "-o", "/dev/null", "--wrap", $"sleep {seconds}");
            queued[node] = await cluster.SubmitAsync("-p", "batch", "-w", node, "--exclusive", "-o", "/dev/null", "--wrap", "sleep 2");
        }

        // "Running" must mean running: on a loaded machine slurmctld may not have started them yet, and
        // a rebuild job then rightly goes first.
        foreach (var job in running.Values)
        {
            Assert.True(
                await TestbedSlurm.Eventually(async () => !(await cluster.ShowJobAsync(job)).Contains("JobState=PENDING", StringComparison.Ordinal)),
                $"user job {job} did not start");
        }

        return (running, queued);
    }

    [GeneratedRegex(@"\b(SubmitTime|StartTime|EndTime)=(\S+)")]
    private static partial Regex TimeField();
}
