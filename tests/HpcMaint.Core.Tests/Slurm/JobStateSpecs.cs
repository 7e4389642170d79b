using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Slurm;

/// <summary>A job's state as a set, read alike from 22.05's one word and 23.02+'s list.</summary>
public sealed class JobStateSpecs
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void A_rebuild_job_booting_its_node_is_configuring_on_every_release()
    {
        var slurm22 = JobStateText.Parse(["CONFIGURING"]);
        var slurm24 = JobStateText.Parse(["RUNNING", "CONFIGURING", "POWER_UP_NODE"]);

        foreach (var state in new[] { slurm22, slurm24 })
        {
            Assert.True(state.IsConfiguring);
            Assert.True(state.IsActive);
            Assert.False(state.IsRunning);
            Assert.False(state.IsPending);
            Assert.Equal(JobBaseState.Running, state.Base);
            Assert.Equal("CONFIGURING", state.ToString());
        }

        Assert.True(slurm24.Has(JobFlags.PowerUpNode));
    }

    [Fact]
    public void A_job_still_completing_is_active_whatever_its_base_state()
    {
        var slurm22 = JobStateText.Parse(["COMPLETING"]);
        var slurm24 = JobStateText.Parse(["COMPLETED", "COMPLETING"]);

        Assert.All(new[] { slurm22, slurm24 }, s => Assert.True(s.IsActive));
        Assert.All(new[] { slurm22, slurm24 }, s => Assert.Equal("COMPLETING", s.ToString()));
        Assert.False(slurm24.Ended(JobBaseState.Completed));
    }

    [Theory]
    [InlineData("COMPLETED", JobBaseState.Completed)]
    [InlineData("CANCELLED", JobBaseState.Cancelled)]
    [InlineData("FAILED", JobBaseState.Failed)]
    [InlineData("NODE_FAIL", JobBaseState.NodeFail)]
    [InlineData("BOOT_FAIL", JobBaseState.BootFail)]
    [InlineData("TIMEOUT", JobBaseState.Timeout)]
    public void A_finished_job_is_not_active_and_ended_in_its_state(string word, JobBaseState state)
    {
        var parsed = JobStateText.Parse([word]);

        Assert.False(parsed.IsActive);
        Assert.True(parsed.Ended(state));
        Assert.Equal(word, parsed.ToString());
    }

    [Fact]
    public void A_word_hpcmaint_does_not_know_is_kept_and_never_throws()
    {
        var state = JobStateText.Parse(["RUNNING", "EXPEDITING", ""]);

        Assert.Equal(JobBaseState.Running, state.Base);
        Assert.True(state.Has(JobFlags.Other));
        Assert.True(state.IsRunning);
    }

    [Fact]
    public void The_plus_form_and_the_list_form_read_the_same()
    {
        Assert.Equal(JobStateText.Parse(["PENDING", "REQUEUE_HOLD"]), JobStateText.Parse("PENDING+REQUEUE_HOLD"));
        Assert.Equal("RUNNING+CONFIGURING+POWER_UP_NODE", JobStateText.Format(JobStateText.Parse("RUNNING,CONFIGURING,POWER_UP_NODE")));
    }

    [Fact]
    public void Every_base_state_with_any_flags_reads_back_from_its_list_and_is_active_exactly_when_slurm_keeps_it()
    {
        var flags = Enum.GetValues<JobFlags>().Where(f => f is not JobFlags.None and not JobFlags.Other).ToArray();
        var states =
            from state in Gen.Elements(Enum.GetValues<JobBaseState>().Where(b => b != JobBaseState.Unknown).ToArray())
            from set in Gen.SubListOf(flags)
            select new JobState(state, set.Aggregate(JobFlags.None, (a, f) => a | f));
        var property = Prop.ForAll(states.ToArbitrary(), state =>
        {
            var read = JobStateText.Parse(JobStateText.Format(state));
            var stillThere = state.Base is JobBaseState.Pending or JobBaseState.Running or JobBaseState.Suspended
                || (state.Flags & (JobFlags.Configuring | JobFlags.Completing | JobFlags.Requeued | JobFlags.RequeueHold
                    | JobFlags.RequeueFed | JobFlags.ResvDelHold | JobFlags.Resizing | JobFlags.Signaling | JobFlags.StageOut
                    | JobFlags.PowerUpNode)) != 0;
            return read == state && read.IsActive == stillThere && (read.IsRunning == (state.Base == JobBaseState.Running && !state.Has(JobFlags.Configuring)));
        });

        Check.One(Runs, property);
    }
}
