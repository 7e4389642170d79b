using System.Globalization;

namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>The testbed is a real Slurm 22.05 cluster; these tests show it behaves like one.</summary>
[Collection(TestbedCollection.Name)]
public sealed class TestbedSmokeTests(SharedTestbed shared)
{
    private static readonly string[] FourNodes = ["n1", "n2", "n3", "n4"];
    private readonly TestbedCluster cluster = shared.Cluster;

    [Fact]
    public async Task All_four_nodes_come_up_idle()
    {
        var states = await cluster.NodeStatesAsync();

        Assert.Equal(FourNodes, cluster.NodeNames);
        Assert.Equal(FourNodes.ToDictionary(n => n, _ => "idle"), states);
    }

    [Fact]
    public async Task Every_node_runs_its_jobs_under_its_own_hostname()
    {
        var srun = await cluster.RunClientAsync("srun", "-N4", "hostname");

        Assert.True(srun.Succeeded, srun.ToString());
        Assert.Equal(FourNodes, srun.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Two_clusters_run_at_once_on_different_ports_without_seeing_each_other()
    {
        await using var other = await StartAsync(new TestbedOptions { Nodes = 2 });

        var drain = await other.RunClientAsync("scontrol", "update", "nodename=n1", "state=drain", "reason=other cluster");

        Assert.True(drain.Succeeded, drain.ToString());
        Assert.NotEqual(cluster.ControllerPort, other.ControllerPort);
        Assert.Equal("drained", (await other.NodeStatesAsync())["n1"]);
        Assert.Equal("idle", (await cluster.NodeStatesAsync())["n1"]);
    }

    [Fact]
    public async Task Stopping_leaves_no_recorded_process_and_no_job_running()
    {
        await using var own = await StartAsync(new TestbedOptions { Nodes = 2 });
        Assert.True((await own.RunClientAsync("scontrol", "reboot", "n2")).Succeeded);
        Assert.True(await TestbedCluster.WaitUntilAsync(
            async () => own.RebootCount("n2") == 1 && await own.AllNodesIdleAsync(), TimeSpan.FromSeconds(30)));
        await own.SubmitAsync("-w", "n2", "--wrap", "echo $$ > job.pid; exec sleep 300");
        var jobPidFile = Path.Combine(own.Directory, "work", "job.pid");
        Assert.True(await TestbedCluster.WaitUntilAsync(
            () => Task.FromResult(File.Exists(jobPidFile) && File.ReadAllText(jobPidFile).Length > 0), TimeSpan.FromSeconds(15)));
        var jobPid = int.Parse(File.ReadAllText(jobPidFile).Trim(), CultureInfo.InvariantCulture);
        var recorded = own.RecordedProcesses();

        await own.StopAsync();

        Assert.Contains(recorded, p => p.Label == "slurmd-n2" && p != recorded.First(q => q.Label == "slurmd-n2"));
        Assert.DoesNotContain(recorded, p => p.IsRunning());
        Assert.False(IsRunning(jobPid), $"job process {jobPid} survived testbed.sh down");
    }

    [Fact]
    public async Task Scontrol_reboot_runs_the_reboot_program_and_the_node_returns_idle_with_a_newer_boot_time()
    {
        var bootTimeBefore = BootTime(await cluster.ShowNodeAsync("n2"));
        var rebootsBefore = cluster.RebootCount("n2");

        var reboot = await cluster.RunClientAsync("scontrol", "reboot", "n2");

        Assert.True(reboot.Succeeded, reboot.ToString());
        Assert.True(
            await TestbedCluster.WaitUntilAsync(
                async () => cluster.RebootCount("n2") > rebootsBefore && (await cluster.NodeStatesAsync())["n2"] == "idle",
                TimeSpan.FromSeconds(30)),
            await cluster.ShowNodeAsync("n2"));
        Assert.Equal(rebootsBefore + 1, cluster.RebootCount("n2"));
        Assert.True(BootTime(await cluster.ShowNodeAsync("n2")) > bootTimeBefore);
    }

    [Fact]
    public async Task A_rebuild_job_runs_right_after_the_running_job_and_before_work_queued_earlier()
    {
        var rebootsBefore = cluster.RebootCount("n1");
        var running = await cluster.SubmitAsync("-w", "n1", "--exclusive", "--wrap", "sleep 3");
        Assert.True(await TestbedCluster.WaitUntilAsync(
            async () => JobState(await cluster.ShowJobAsync(running)) == "RUNNING", TimeSpan.FromSeconds(15)));
        var queuedEarlier = await cluster.SubmitAsync("-w", "n1", "--exclusive", "--wrap", "sleep 1");

        var rebuild = await cluster.SubmitAsync(
            "-p", "rebuild", "-w", "n1", "--reboot", "--exclusive", "--no-requeue", "--wrap", "sleep 1");

        string[] jobs = [running, rebuild, queuedEarlier];
        Assert.True(await TestbedCluster.WaitUntilAsync(
            async () => (await Task.WhenAll(jobs.Select(cluster.ShowJobAsync))).All(j => JobState(j) == "COMPLETED"),
            TimeSpan.FromSeconds(60)));
        var (a, r, b) = (await Times(running), await Times(rebuild), await Times(queuedEarlier));
        Assert.True(a.End <= r.Start && r.End <= b.Start && r.Start < b.Start, $"A {a}, R {r}, B {b}");
        Assert.Equal(rebootsBefore + 1, cluster.RebootCount("n1"));
        Assert.True(await TestbedCluster.WaitUntilAsync(cluster.AllNodesIdleAsync, TimeSpan.FromSeconds(15)));
    }

    private static async Task<TestbedCluster> StartAsync(TestbedOptions options)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2), TimeProvider.System);
        return await TestbedCluster.StartAsync(options, deadline.Token);
    }

    private async Task<(DateTime Start, DateTime End)> Times(string job)
    {
        var record = await cluster.ShowJobAsync(job);
        return (Timestamp(record, "StartTime"), Timestamp(record, "EndTime"));
    }

    private static string? JobState(string record) => HpcMaint.Adapters.Slurm.Parsing.ScontrolRecords.ParseLine(record).GetValueOrDefault("JobState");

    private static DateTime BootTime(string record) => Timestamp(record, "BootTime");

    private static DateTime Timestamp(string record, string key) =>
        DateTime.ParseExact(HpcMaint.Adapters.Slurm.Parsing.ScontrolRecords.ParseLine(record)[key], "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1][0] != 'Z';
}
