using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>`hpcmaint rebuild` as an admin types it: refusals, the dry run, cancel, and the prolog mode.</summary>
[Collection(RebuildCollection.Name)]
public sealed class RebuildCliSpecs(RebuildTestbed testbed)
{
    private TestbedCluster Cluster => testbed.Cluster;

    [Theory]
    [InlineData("give exactly one of --partition and --nodes", "--image", "x")]
    [InlineData("give exactly one of --partition and --nodes", "--partition", "batch", "--nodes", "n1", "--image", "x")]
    [InlineData("--image is required", "--partition", "batch")]
    [InlineData("--max-down 0: write a percentage from 1 to 100", "--partition", "batch", "--image", "x", "--max-down", "0")]
    [InlineData("use --max-down 25 or more", "--partition", "batch", "--image", "x", "--max-down", "10")]
    [InlineData("Slurm does not know n9", "--nodes", "n[1,9]", "--image", "x")]
    [InlineData("partition nope has no nodes (or does not exist)", "--partition", "batch,nope", "--image", "x")]
    [InlineData("--sbatch-option '--partition=gpu': hpcmaint sets --partition", "--partition", "batch", "--image", "x", "--sbatch-option=--partition=gpu")]
    [InlineData("--sbatch-option '-w': -w is --nodelist, which hpcmaint sets", "--partition", "batch", "--image", "x", "--sbatch-option=-w")]
    [InlineData("--strategy drain submits no job", "--partition", "batch", "--image", "x", "--strategy", "drain", "--sbatch-option=--time=10")]
    [InlineData("--gate: the first word is the program to run", "--partition", "batch", "--image", "x", "--gate", "")]
    [InlineData("give one of --what-if (the whole run predicted) and --dry-run", "--partition", "batch", "--image", "x", "--what-if", "--dry-run")]
    public async Task Wrong_input_exits_2_saying_what_to_write_and_does_nothing(string message, params string[] args)
    {
        var before = testbed.Plans.All().Count;

        var result = await testbed.HpcmaintAsync(["rebuild", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, testbed.Plans.All().Count);
    }

    [Fact]
    public async Task A_dry_run_shows_the_first_wave_with_its_arithmetic_and_submits_nothing_and_times_its_pass()
    {
        await testbed.SetImageAsync("old");
        await testbed.SetImageAsync("v4", "n2");
        var plans = testbed.Plans.All().Count;

        var result = await testbed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "v4", "--max-down", "50", "--dry-run", "-v");
        var jobs = await TestbedSlurm.Client(Cluster).GetJobsAsync();

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("n1 ", StringComparison.Ordinal) && l.Contains("submit", StringComparison.Ordinal) && l.Contains("batch: 0 out + n1 = 1 ≤ 2 (50 % of 4)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("n2 ", StringComparison.Ordinal) && l.Contains("skip", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("n3 ", StringComparison.Ordinal) && l.Contains("submit", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("n4 ", StringComparison.Ordinal) && l.Contains("budget: batch: 2 out (n[1,3]) + n4 = 3 > 2", StringComparison.Ordinal));
        Assert.Equal(plans, testbed.Plans.All().Count);
        Assert.DoesNotContain(jobs.Value, j => j.IsActive && j.Name.StartsWith(RebuildJobs.NamePrefix, StringComparison.Ordinal));
        Assert.Matches(@"pass: cluster read in [0-9.]+ ms .*, 4 nodes decided in [0-9.]+ ms: 2 admitted, [0-9]+ waiting", result.StandardError); // make bench's planning-pass row
    }

    [Fact]
    public async Task A_what_if_prints_the_waves_the_makespan_and_the_capacity_lost_and_submits_nothing()
    {
        await testbed.SetImageAsync("old");
        var plans = testbed.Plans.All().Count;

        var result = await testbed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "v5", "--max-down", "50", "--what-if");
        var jobs = await TestbedSlurm.Client(Cluster).GetJobsAsync();

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n');
        var waves = lines.Where(l => l.StartsWith("wave ", StringComparison.Ordinal)).ToArray();

        // Two at a time, in plan order; n3 and n4 follow as n1 and n2 come back (each after its own earlier reboots' time).
        Assert.StartsWith("wave 1 at ", waves[0], StringComparison.Ordinal);
        Assert.EndsWith(": n1, n2", waves[0], StringComparison.Ordinal);
        Assert.Equal(["n3", "n4"], waves.Skip(1).SelectMany(w => w[(w.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", ")));
        Assert.Contains(lines, l => l.StartsWith("makespan: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("capacity lost: ", StringComparison.Ordinal) && l.Contains("node-hours", StringComparison.Ordinal));
        Assert.Equal(plans, testbed.Plans.All().Count);
        Assert.DoesNotContain(jobs.Value, j => j.IsActive && j.Name.StartsWith(RebuildJobs.NamePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_removes_a_pending_rebuild_job_and_marks_the_plan_cancelled()
    {
        await testbed.SetImageAsync("old");
        var busy = await Cluster.SubmitAsync("-p", "batch", "-w", "n1", "--exclusive", "-o", "/dev/null", "--wrap", "sleep 60");
        var slurm = TestbedSlurm.Client(Cluster);
        Assert.True(await TestbedSlurm.Eventually(async () => (await slurm.JobAsync(long.Parse(busy, System.Globalization.CultureInfo.InvariantCulture))).IsRunning));
        using (var runner = testbed.StartHpcmaint("rebuild", "--nodes", "n1", "--image", "v5", "--max-down", "25"))
        {
            var submitted = await TestbedSlurm.Eventually(() => Task.FromResult(
                testbed.Plans.All().Any(p => p.Image == "v5" && p.Find("n1")!.Step == RebuildStep.Submitted)));
            runner.Kill();
            await runner.WaitForExitAsync();
            Assert.True(submitted, "the rebuild job was not submitted");
        }

        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v5");
        var cancel = await testbed.HpcmaintAsync("rebuild", "cancel", plan.Id);
        var status = await testbed.HpcmaintAsync("rebuild", "status", plan.Id, "--json");
        var job = await TestbedSlurm.Client(Cluster).JobAsync(plan.Find("n1")!.JobId!.Value);
        await Cluster.RunClientAsync("scancel", busy);
        await testbed.WaitQuietAsync();

        Assert.Equal(0, cancel.ExitCode);
        Assert.Equal("CANCELLED", job.State.ToString());
        var after = testbed.Plans.Load(plan.Id, out _)!;
        Assert.Equal(PlanStatus.Cancelled, after.Status);
        Assert.Equal(RebuildStep.Cancelled, after.Find("n1")!.Step);
        Assert.Contains("\"status\": \"cancelled\"", status.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(testbed.RebuildsTo("v5"));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_status", ("status", "cancelled")));
        Assert.Equal(0, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_status", ("status", "running")));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "cancelled")));
    }

    [Fact]
    public async Task The_prolog_returns_at_once_for_other_jobs_even_without_a_readable_config()
    {
        var start = TimeProvider.System.GetTimestamp();

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint)
                .WithArguments(["prolog-slurmctld", "--config", "/nonexistent/hpcmaint.toml"])
                .WithCleanEnvironment()
                .WithEnvironment(new Dictionary<string, string?> { ["SLURM_JOB_ID"] = "7", ["SLURM_JOB_NAME"] = "user-job", ["SLURM_JOB_NODELIST"] = "n1" }));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardError);
        Assert.True(TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_prolog_of_a_rebuild_job_waits_while_its_node_reboots_and_returns_once_it_is_up_with_no_PATH_and_no_SLURM_CONF()
    {
        await testbed.WaitQuietAsync();
        var slurm = TestbedSlurm.Client(testbed.Cluster);
        var before = (await slurm.NodeAsync("n2")).BootTime;
        Assert.Equal(0, (await testbed.Cluster.RunClientAsync("scontrol", "reboot", "n2")).ExitCode);
        Assert.True(await TestbedSlurm.Eventually(async () => BootWait.IsBooting(await slurm.NodeAsync("n2"))), "n2 never showed its reboot");

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint)
                .WithArguments(["prolog-slurmctld", "--config", testbed.ConfigPath])
                .WithCleanEnvironment()
                .WithEnvironment(new Dictionary<string, string?> { ["SLURM_JOB_ID"] = "8", ["SLURM_JOB_NAME"] = "hpcmaint-rebuild-n2", ["SLURM_JOB_NODELIST"] = "n2" })
                .WithTimeout(TimeSpan.FromSeconds(20)));

        var after = await slurm.NodeAsync("n2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.True(after.BootTime > before && !BootWait.IsBooting(after), $"the prolog returned while n2 was {after.State} (booted {after.BootTime}, before {before})");
    }
}
