using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `--strategy reservation` and a preemptable job (partition low under high, preempt/partition_prio): with
/// --terminate-preemptable the job is requeued and n1 rebooted at once; without it, n1's reservation waits
/// for the job's end.
/// </summary>
[Collection(PreemptCollection.Name)]
public sealed class TerminatePreemptableSpecs(PreemptTestbed testbed, Xunit.Abstractions.ITestOutputHelper output)
{
    private TestbedCluster Cluster => testbed.Cluster;

    [HostReleaseFact]
    public async Task With_the_flag_a_long_preemptable_job_is_requeued_and_its_node_rebooted_at_once()
    {
        await testbed.WaitQuietAsync();
        var job = await LongLowJobAsync();
        var before = Cluster.RebootCount("n1");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var reboot = await testbed.HpcmaintAsync("reboot", "--nodes", "n1", "--max-down", "100", "--strategy", "reservation", "--terminate-preemptable");
            var took = clock.Elapsed;

            Assert.True(reboot.IsSuccess, reboot.StandardOutput + reboot.StandardError + "\n" + testbed.Diagnosis(string.Empty));
            var plan = testbed.Plans.All().Last(p => p.Kind == PlanKind.Reboot);
            Assert.Equal(RebuildStep.Done, plan.Find("n1")!.Step);
            Assert.Equal(1, Cluster.RebootCount("n1") - before);
            Assert.True(took < TimeSpan.FromMinutes(2), $"took {took.TotalSeconds:0} s, the job's limit is 10 min");
            Assert.Contains(Journal(plan.Id), r => r.Node == "n1" && r.Action == "rebuild.requeue" && r.Outcome == AuditOutcome.Succeeded && r.Details["job"] == job);
            Assert.Contains("Restarts=1", await Cluster.ShowJobAsync(job), StringComparison.Ordinal);
            Assert.Empty(await RebuildObservations.OwnReservationsAsync(Cluster));
            output.WriteLine($"reboot of n1 with a 10-min preemptable job, --terminate-preemptable: {took.TotalSeconds:0.0} s");
        }
        finally
        {
            await Cluster.RunClientAsync("scancel", job);
        }
    }

    [HostReleaseFact]
    public async Task Without_the_flag_the_reservation_starts_at_the_preemptable_jobs_end_and_the_job_runs_on()
    {
        await testbed.WaitQuietAsync();
        var job = await LongLowJobAsync();
        try
        {
            using var runner = testbed.StartHpcmaint("reboot", "--nodes", "n1", "--max-down", "100", "--strategy", "reservation");
            var reserved = await Slurm.TestbedSlurm.Eventually(async () => (await RebuildObservations.OwnReservationsAsync(Cluster)).Count == 1, seconds: 60);
            runner.Kill();
            await runner.WaitForExitAsync();
            Assert.True(reserved, "no reservation for n1: " + testbed.OutputOf(runner));

            var reservation = Assert.Single((await Slurm.TestbedSlurm.Client(Cluster).GetReservationsAsync()).Value, r => r.Name.StartsWith(MaintenanceReservations.Prefix, StringComparison.Ordinal));
            var (_, _, end) = await RebuildObservations.JobTimesAsync(Cluster, job);
            Assert.True(Math.Abs((reservation.StartTime!.Value - new DateTimeOffset(end)).TotalSeconds) <= 1, $"reservation from {reservation.StartTime:u}, the job ends {end:u}");
            var record = await Cluster.ShowJobAsync(job);
            Assert.Contains("JobState=RUNNING", record, StringComparison.Ordinal);
            Assert.Contains("Restarts=0", record, StringComparison.Ordinal);
        }
        finally
        {
            // Cancelled whatever failed above: an open plan's reservation would keep the next spec's job off n1.
            if (testbed.Plans.All().LastOrDefault(p => p.Kind == PlanKind.Reboot && p.IsOpen) is { } open)
            {
                Assert.True((await testbed.HpcmaintAsync("reboot", "cancel", open.Id)).IsSuccess);
            }

            await Cluster.RunClientAsync("scancel", job);
        }
    }

    /// <summary>A 10-minute job in the preemptable partition low, alone on n1.</summary>
    private async Task<string> LongLowJobAsync()
    {
        var job = await Cluster.SubmitAsync("-p", "low", "-w", "n1", "--exclusive", "--time=10", "-o", "/dev/null", "--wrap", "sleep 600");
        Assert.True(await Slurm.TestbedSlurm.Eventually(async () => (await Cluster.ShowJobAsync(job)).Contains("JobState=RUNNING", StringComparison.Ordinal)), $"job {job} in low did not start");
        return job;
    }

    private AuditRecord[] Journal(string plan) =>
        new HpcMaint.Adapters.Audit.AuditJournal(testbed.JournalPath).Read(new AuditFilter(), out _).Where(r => r.Details.GetValueOrDefault("plan") == plan).ToArray();
}
