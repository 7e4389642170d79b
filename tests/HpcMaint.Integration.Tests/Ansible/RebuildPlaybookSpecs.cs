using System.Globalization;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Rebuild;
using HpcMaint.Integration.Tests.Slurm;

namespace HpcMaint.Integration.Tests.Ansible;

/// <summary>`ansible-playbook ansible/adhoc/rebuild-via-slurm.yml` (Debian's ansible) on the rebuild testbed.</summary>
[Collection(RebuildCollection.Name)]
public sealed class RebuildPlaybookSpecs(RebuildTestbed testbed) : IDisposable
{
    private static readonly string Playbook = AnsiblePlaybook.InRepository("ansible", "adhoc", "rebuild-via-slurm.yml");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private readonly AnsiblePlaybook ansible = new();

    public void Dispose() => ansible.Dispose();

    [Fact]
    public async Task The_playbook_rebuilds_every_node_once_through_jobs_with_the_given_payload_and_sbatch_options()
    {
        await testbed.SetImageAsync("old");
        var marks = Directory.CreateDirectory(Path.Combine(ansible.Directory, "gate-ran")).FullName;

        var run = await ansible.RunAsync(Playbook, Vars(
            ("rebuild_image", "pb1"),
            ("rebuild_job_partitions", new[] { "batch" }),
            ("rebuild_max_down", 50),
            ("rebuild_job_command", new[] { "/bin/sh", "-c", $"touch {marks}/$SLURMD_NODENAME" }),
            ("rebuild_job_options", "--time=10")), Limit);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, run.Changed);
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("pb1"));
        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "pb1");
        Assert.Equal(PlanStatus.Finished, plan.Status);
        Assert.Equal("--partition batch", plan.Selection);
        foreach (var node in plan.Nodes)
        {
            var job = await testbed.Cluster.ShowJobAsync(node.JobId!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Contains("TimeLimit=00:10:00", job, StringComparison.Ordinal);
        }

        Assert.Equal(["n1", "n2", "n3", "n4"], Directory.GetFiles(marks).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"plan {plan.Id} finished: 4 done of 4", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_job_reboot_false_is_a_dry_run_that_submits_nothing_and_changes_nothing()
    {
        await testbed.SetImageAsync("old");
        var plans = testbed.Plans.All().Count;

        var run = await ansible.RunAsync(Playbook, Vars(
            ("rebuild_image", "pb2"),
            ("rebuild_job_hostlist", "n[1-2]"),
            ("rebuild_job_reboot", false),
            ("rebuild_job_command", "sleep 30")), Limit);
        var jobs = await TestbedSlurm.Client(testbed.Cluster).GetJobsAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, run.Changed);
        Assert.Contains("dry run: --nodes n[1-2] to image pb2", run.Output, StringComparison.Ordinal);
        Assert.Contains("gate: sleep 30", run.Output, StringComparison.Ordinal);
        Assert.Equal(plans, testbed.Plans.All().Count);
        Assert.DoesNotContain(jobs.Value, j => j.IsActive && j.Name.StartsWith(RebuildJobs.NamePrefix, StringComparison.Ordinal));
        Assert.Empty(testbed.RebuildsTo("pb2"));
    }

    [Fact]
    public async Task Without_rebuild_image_the_play_fails_saying_it_is_required()
    {
        var plans = testbed.Plans.All().Count;

        var run = await ansible.RunAsync(Playbook, Vars(("rebuild_job_partitions", "batch")), Limit);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(1, run.Failed);
        Assert.Contains("rebuild_image is required: the image the nodes must end on", run.Output, StringComparison.Ordinal);
        Assert.Equal(plans, testbed.Plans.All().Count);
    }

    [Fact]
    public async Task When_hpcmaint_refuses_the_play_fails_showing_what_hpcmaint_said()
    {
        var plans = testbed.Plans.All().Count;

        var run = await ansible.RunAsync(Playbook, Vars(
            ("rebuild_image", "pb3"),
            ("rebuild_job_partitions", "batch"),
            ("rebuild_job_options", new[] { "--partition=gpu" })), Limit);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(1, run.Failed);
        Assert.Contains("hpcmaint rebuild exited 2: hpcmaint rebuild: --sbatch-option '--partition=gpu': hpcmaint sets --partition", run.Output, StringComparison.Ordinal);
        Assert.Equal(plans, testbed.Plans.All().Count);
    }

    private Dictionary<string, object> Vars(params (string Name, object Value)[] vars)
    {
        var all = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["hpcmaint_bin"] = Executables.Executables.Hpcmaint,
            ["hpcmaint_config"] = testbed.ConfigPath,
        };
        foreach (var (name, value) in vars)
        {
            all[name] = value;
        }

        return all;
    }
}
