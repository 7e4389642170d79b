using HpcMaint.Adapters.Audit;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// What keeps a rolling rebuild from putting a bad node to work or touching one an admin holds:
/// `hpcmaint verify` as the rebuild job's payload, holds, a failing gate's drain, --retry-failed.
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class RebuildSafetySpecs(RebuildTestbed testbed)
{
    private const string NodePlaceholder = "{node}";

    private TestbedCluster Cluster => testbed.Cluster;

    [Fact]
    public async Task Hpcmaint_verify_as_the_rebuild_jobs_payload_passes_a_healthy_node_and_drains_a_failing_one_with_a_ticket()
    {
        await testbed.SetImageAsync("old");
        var hm = testbed.HpcmaintDir;
        var verifyConfig = Path.Combine(hm, "verify.toml");
        File.WriteAllText(verifyConfig, $"""
            [slurm]
            {SlurmRelease.ConfigLines(Cluster.Directory)}
            [audit]
            journal = "{testbed.JournalPath}"
            [health]
            # Straight to a person: the reboot step would reboot n2 after the spec (the gate's own drain is what is checked).
            ladder = ["manual"]
            state_file = "{hm}/health-{NodePlaceholder}.json"
            metrics_file = "{hm}/metrics-{NodePlaceholder}.prom"
            [[health.check]]
            id = "image-stamp-n1"
            check = "fs.file"
            hosts = "n1"
            paths = ["{verifyConfig}"]
            [[health.check]]
            id = "image-stamp-n2"
            check = "fs.file"
            hosts = "n2"
            paths = ["{hm}/no-such-stamp"]
            """);
        try
        {
            var rebuild = await testbed.HpcmaintAsync(
                "rebuild", "--nodes", "n[1-2]", "--image", "v9", "--max-down", "50",
                "--gate=" + Executables.Executables.Hpcmaint, "--gate=verify", "--gate=--config", "--gate=" + verifyConfig);

            Assert.Equal(1, rebuild.ExitCode);
            var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v9");
            Assert.Equal((RebuildStep.Done, RebuildStep.Failed), (plan.Find("n1")!.Step, plan.Find("n2")!.Step));
            var slurm = TestbedSlurm.Client(Cluster);
            var n1 = await slurm.NodeAsync("n1");
            var n2 = await slurm.NodeAsync("n2");
            Assert.False(n1.State.IsDrainSet, $"n1 is {n1.State} ({n1.Reason})");
            Assert.True(n2.State.IsDrainSet, $"n2 is {n2.State}");
            Assert.StartsWith("hpcmaint: manual: fs.file: ", n2.Reason, StringComparison.Ordinal);
            Assert.True(NodeRecordCodec.TryDecode(n2.Comment, out var record, out var problem), problem);
            Assert.Equal("fs.file", record.Ticket?.Condition);
        }
        finally
        {
            await testbed.RestoreAsync("n2");
        }
    }

    [Fact]
    public async Task A_held_node_is_skipped_by_rebuild_which_says_so_in_the_journal_and_status()
    {
        await testbed.SetImageAsync("old");
        try
        {
            Assert.Equal(0, (await testbed.HpcmaintAsync("hold", "n3", "--reason", "BIOS update, ticket 4711")).ExitCode);

            var rebuild = await testbed.HpcmaintAsync("rebuild", "--nodes", "n[3-4]", "--image", "v10", "--max-down", "25");

            Assert.True(rebuild.IsSuccess, rebuild.StandardOutput + rebuild.StandardError);
            Assert.Equal(new Dictionary<string, int> { ["n4"] = 1 }, testbed.RebuildsTo("v10"));
            var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v10");
            Assert.Equal(RebuildStep.Skipped, plan.Find("n3")!.Step);
            var status = await testbed.HpcmaintAsync("rebuild", "status", plan.Id);
            Assert.Contains("held by", status.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("BIOS update, ticket 4711", status.StandardOutput, StringComparison.Ordinal);
            var journal = new AuditJournal(testbed.JournalPath).Read(new AuditFilter(Action: "rebuild.skip"), out _);
            Assert.Contains(journal, r => r.Node == "n3" && r.Details["plan"] == plan.Id && r.Reason!.Contains("held by", StringComparison.Ordinal));
        }
        finally
        {
            await testbed.HpcmaintAsync("release", "n3");
            await testbed.RestoreAsync("n3");
        }
    }

    [Fact]
    public async Task A_failing_gate_drains_the_node_with_a_ticket_and_resume_retry_failed_rebuilds_it_once_it_is_back_in_service()
    {
        await testbed.SetImageAsync("old");
        var fixedMark = Path.Combine(testbed.HpcmaintDir, "gate-fixed");
        File.Delete(fixedMark);
        try
        {
            var failed = await testbed.HpcmaintAsync(
                "rebuild", "--nodes", "n1", "--image", "v11", "--max-down", "25", "--gate=/bin/test", "--gate=-e", "--gate=" + fixedMark);

            Assert.Equal(1, failed.ExitCode);
            var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v11");
            Assert.Equal((PlanStatus.Finished, RebuildStep.Failed), (plan.Status, plan.Find("n1")!.Step));
            var n1 = await TestbedSlurm.Client(Cluster).NodeAsync("n1");
            Assert.True(n1.State.IsDrainSet, $"n1 is {n1.State}");
            Assert.StartsWith("hpcmaint: manual: rebuild.gate: job ", n1.Reason, StringComparison.Ordinal);
            Assert.True(NodeRecordCodec.TryDecode(n1.Comment, out var record, out var problem), problem);
            Assert.Equal("rebuild.gate", record.Ticket?.Condition);

            var nothing = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id);
            Assert.Contains("nothing to do", nothing.StandardError, StringComparison.Ordinal);

            // Fixed by the admin, back in service, and its features back to slurm.conf's (as after a slurmctld restart).
            File.WriteAllText(fixedMark, "fixed\n");
            await testbed.RestoreAsync("n1");
            await testbed.SetImageAsync("old", "n1");
            var retried = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id, "--retry-failed");

            Assert.True(retried.IsSuccess, retried.StandardOutput + retried.StandardError);
            var ended = testbed.Plans.Load(plan.Id, out _)!;
            Assert.Equal((PlanStatus.Finished, RebuildStep.Done), (ended.Status, ended.Find("n1")!.Step));
            Assert.Equal(new Dictionary<string, int> { ["n1"] = 2 }, testbed.RebuildsTo("v11"));
        }
        finally
        {
            File.Delete(fixedMark);
            await testbed.RestoreAsync("n1");
        }
    }
}
