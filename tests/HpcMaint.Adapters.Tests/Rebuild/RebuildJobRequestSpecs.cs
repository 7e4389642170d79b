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
}
