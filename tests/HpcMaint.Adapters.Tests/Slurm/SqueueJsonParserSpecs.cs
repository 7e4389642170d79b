using HpcMaint.Adapters.Slurm.Parsing;

namespace HpcMaint.Adapters.Tests.Slurm;

public sealed class SqueueJsonParserSpecs
{
    [Fact]
    public void Every_job_in_memory_is_read_with_its_state()
    {
        var jobs = SqueueJsonParser.ParseJobs(Fixture.Read("jobs-mixed.squeue.json"));

        Assert.Equal(
            new[] { (1L, "COMPLETED"), (2L, "FAILED"), (3L, "PENDING"), (4L, "CANCELLED"), (5L, "RUNNING"), (6L, "RUNNING"), (7L, "CONFIGURING") },
            jobs.OrderBy(j => j.Id).Select(j => (j.Id, j.State)));
    }

    [Fact]
    public void A_rebuild_job_booting_its_node_is_configuring_with_reboot_and_its_comment()
    {
        var job = Assert.Single(SqueueJsonParser.ParseJobs(Fixture.Read("jobs-mixed.squeue.json")), j => j.Id == 7);

        Assert.True(job.IsConfiguring);
        Assert.True(job.IsActive);
        Assert.True(job.Reboot);
        Assert.Equal("rebuild", job.Partition);
        Assert.Equal("rebuild-n4", job.Name);
        Assert.Equal(new[] { "n4" }, job.Nodes);
        Assert.Equal("n4", job.RequiredNodes);
        Assert.Equal("hpcmaint: rebuild n4 image=2026.11", job.Comment);
        Assert.Equal("root", job.UserName);
        Assert.Null(job.StateReason);
        Assert.Null(job.Reservation);
    }

    [Fact]
    public void A_pending_job_has_its_reason_and_no_nodes()
    {
        var job = Assert.Single(SqueueJsonParser.ParseJobs(Fixture.Read("jobs-mixed.squeue.json")), j => j.Id == 3);

        Assert.True(job.IsPending);
        Assert.Equal("ReqNodeNotAvail", job.StateReason);
        Assert.Empty(job.Nodes);
    }

    [Fact]
    public void Finished_jobs_are_not_active()
    {
        var jobs = SqueueJsonParser.ParseJobs(Fixture.Read("jobs-rebuild-completed.squeue.json"));

        Assert.All(jobs.Where(j => j.State is "COMPLETED" or "FAILED" or "CANCELLED"), j => Assert.False(j.IsActive));
        Assert.Equal("COMPLETED", Assert.Single(jobs, j => j.Id == 7).State);
    }
}
