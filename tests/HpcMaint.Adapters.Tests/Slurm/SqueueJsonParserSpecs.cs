using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>squeue --all --states=all --json of every release: one state word in 22.05, the list from 23.02.</summary>
public sealed class SqueueJsonParserSpecs
{
    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Every_job_in_memory_is_read_with_its_state(string release)
    {
        var jobs = SqueueJsonParser.ParseJobs(Fixture.Read(release, "jobs-mixed.squeue.json"));

        Assert.Equal(
            new[] { (1L, "COMPLETED"), (2L, "FAILED"), (3L, "PENDING"), (4L, "CANCELLED"), (5L, "RUNNING"), (6L, "RUNNING"), (7L, "CONFIGURING") },
            jobs.OrderBy(j => j.Id).Select(j => (j.Id, j.State.ToString())));
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_running_jobs_expected_end_is_its_start_plus_its_time_limit_and_a_pending_job_has_none(string release)
    {
        // The testbed's batch partition has no MaxTime: Slurm gives each job a year (525600 minutes), in
        // 24.11 and 26.05 even where time_limit reads as not set. The reservation strategy starts a node's
        // reservation at the latest of these.
        var jobs = SqueueJsonParser.ParseJobs(Fixture.Read(release, "jobs-mixed.squeue.json")).ToDictionary(j => j.Id);

        Assert.All(new[] { 5L, 6L, 7L }, id => Assert.Equal(TimeSpan.FromDays(365), jobs[id].EndTime - jobs[id].StartTime));
        Assert.Null(jobs[3].EndTime);
        Assert.True(jobs[1].EndTime >= jobs[1].StartTime);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_rebuild_job_booting_its_node_is_configuring_with_reboot_and_its_comment(string release)
    {
        var job = Assert.Single(SqueueJsonParser.ParseJobs(Fixture.Read(release, "jobs-mixed.squeue.json")), j => j.Id == 7);

        Assert.True(job.IsConfiguring);
        Assert.False(job.IsRunning);
        Assert.True(job.IsActive);
        Assert.Equal(JobBaseState.Running, job.State.Base);
        Assert.Equal(Fixture.Version(release).Major >= 23, job.State.Has(JobFlags.PowerUpNode));
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

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_pending_job_has_its_reason_and_no_nodes(string release)
    {
        var job = Assert.Single(SqueueJsonParser.ParseJobs(Fixture.Read(release, "jobs-mixed.squeue.json")), j => j.Id == 3);

        Assert.True(job.IsPending);
        Assert.Equal("ReqNodeNotAvail", job.StateReason);
        Assert.Empty(job.Nodes);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Finished_jobs_are_read_and_not_active(string release)
    {
        var jobs = SqueueJsonParser.ParseJobs(Fixture.Read(release, "jobs-rebuild-completed.squeue.json"));

        Assert.All(jobs.Where(j => j.Id is 1 or 2 or 4 or 6 or 7), j => Assert.False(j.IsActive));
        Assert.True(Assert.Single(jobs, j => j.Id == 7).State.Ended(JobBaseState.Completed));
        Assert.True(Assert.Single(jobs, j => j.Id == 4).State.Ended(JobBaseState.Cancelled));
        Assert.True(Assert.Single(jobs, j => j.Id == 5).IsRunning);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_running_job_has_its_expected_end_and_a_pending_one_none(string release)
    {
        var jobs = SqueueJsonParser.ParseJobs(Fixture.Read(release, "jobs-mixed.squeue.json")).ToDictionary(j => j.Id);

        // Job 5 runs in batch (MaxTime=INFINITE): Slurm puts its end a year after its start.
        Assert.Equal(jobs[5].StartTime!.Value.AddDays(365), jobs[5].EndTime);
        Assert.Equal(jobs[1].StartTime, jobs[1].EndTime);
        Assert.Null(jobs[3].EndTime);
    }
}
