using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Tests.Rebuild;

public sealed class RebuildJobRequestSpecs
{
    private static readonly RebuildPlan Plan = new("rb-1", "img-7", RebuildStrategy.Job, 25, DateTimeOffset.UnixEpoch, PlanStatus.Running, []);

    [Fact]
    public void A_rebuild_job_is_an_exclusive_non_requeued_reboot_job_in_the_rebuild_partition_named_after_its_node()
    {
        var request = RebuildJobRequest.For(Plan, "gpu007", null, new RebuildSettings());

        Assert.Equal(
            [
                "--parsable", "--job-name=hpcmaint-rebuild-gpu007", "--partition=rebuild", "--nodelist=gpu007",
                "--comment=hpcmaint image=img-7 plan=rb-1", "--output=/dev/null", "--reboot", "--exclusive", "--no-requeue",
                "--nodes=1", "--chdir=/",
            ],
            request.ToArguments());
    }

    [Fact]
    public void The_payload_execs_the_configured_gate_with_every_word_quoted()
    {
        var settings = new RebuildSettings { Gate = ["/opt/gate", "--deep", "it's"] };

        var script = RebuildJobRequest.Script(settings.Gate);

        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.EndsWith("\nexec /opt/gate --deep 'it'\\''s'\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_in_a_maintenance_reservation_gets_its_job_in_that_reservation()
    {
        var request = RebuildJobRequest.For(Plan, "n3", "maint_n3", new RebuildSettings());

        Assert.Contains("--reservation=maint_n3", request.ToArguments());
    }

    [Fact]
    public void A_plans_sbatch_options_come_last_after_the_ones_hpcmaint_sets()
    {
        var plan = Plan with { SbatchOptions = ["--time=10", "--qos=maint"] };

        var request = RebuildJobRequest.For(plan, "gpu007", null, new RebuildSettings());

        Assert.Equal(["--nodes=1", "--chdir=/", "--time=10", "--qos=maint"], request.ToArguments().TakeLast(4));
    }

    [Fact]
    public void A_plans_gate_replaces_the_configured_one_in_the_payload()
    {
        var plan = Plan with { Gate = ["/bin/sh", "-c", "touch /tmp/gate-$SLURMD_NODENAME"] };

        var request = RebuildJobRequest.For(plan, "n1", null, new RebuildSettings { Gate = ["/usr/bin/hpcmaint", "verify"] });

        Assert.EndsWith("\nexec /bin/sh -c 'touch /tmp/gate-$SLURMD_NODENAME'\n", request.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_its_own_gate_a_plan_runs_the_configured_one()
    {
        var request = RebuildJobRequest.For(Plan, "n1", null, new RebuildSettings { Gate = ["/usr/bin/hpcmaint", "verify"] });

        Assert.EndsWith("\nexec /usr/bin/hpcmaint verify\n", request.Script, StringComparison.Ordinal);
    }
}
