using HpcMaint.Core.Health;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Reboot;

public sealed class RebootFactsReaderSpecs
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);

    private static Job RebuildJob(string node, string state = "CONFIGURING", string? comment = "hpcmaint image=img-7", string partition = "rebuild", string? name = null, string? user = "root") =>
        new(42, name ?? "hpcmaint-rebuild-" + node, partition, JobStateText.Parse(state), null, [node], node, true, comment, 1, user, null, At, At);

    private static Node SlurmNode(string name, string? comment = null, string? extra = null) =>
        new(name, new NodeState(NodeBaseState.Idle, NodeFlags.None), null, null, null, At, At, ["batch"], [], [], comment, extra, null);

    private static string RebuildRecord() => NodeRecordCodec.Encode(NodeRecord.Empty with
    {
        Ticket = new Ticket("fs.mount", "scratch", LadderStep.Rebuild, At, At, [new TicketEvent(At, "rebuild")]),
    });

    [Fact]
    public void The_configuring_rebuild_job_on_the_node_gives_the_image()
    {
        var facts = RebootFactsReader.Read("n4", [RebuildJob("n3"), RebuildJob("n4")], null, SlurmNode("n4"), null, RecordField.Comment, "rebuild");

        Assert.Equal(("img-7", 42L), (facts.JobImage, facts.JobId));
        Assert.Empty(facts.Notes);
    }

    [Fact]
    public void The_hold_in_the_node_record_is_read()
    {
        var record = NodeRecordCodec.Encode(NodeRecord.Empty with { Hold = new Hold("BIOS update", "alice", At) });

        var facts = RebootFactsReader.Read("n4", [], null, SlurmNode("n4", comment: record), null, RecordField.Comment, "rebuild");

        Assert.Equal(new Hold("BIOS update", "alice", At), facts.Hold);
    }

    [Theory]
    [InlineData("PENDING", "rebuild", null)]
    [InlineData("CONFIGURING", "batch", null)]
    [InlineData("CONFIGURING", "rebuild", "rebuild-n4")]
    public void Other_jobs_give_no_image(string state, string partition, string? name)
    {
        var facts = RebootFactsReader.Read("n4", [RebuildJob("n4", state, partition: partition, name: name)], null, SlurmNode("n4"), null, RecordField.Comment, "rebuild");

        Assert.Null(facts.JobImage);
    }

    [Fact]
    public void A_rebuild_job_without_an_image_is_noted()
    {
        var facts = RebootFactsReader.Read("n4", [RebuildJob("n4", comment: "made by hand")], null, SlurmNode("n4"), null, RecordField.Comment, "rebuild");

        Assert.Null(facts.JobImage);
        Assert.Contains(facts.Notes, n => n.Contains("names no image", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RecordField.Comment)]
    [InlineData(RecordField.Extra)]
    public void A_ticket_at_the_rebuild_step_is_read_from_the_configured_field(RecordField field)
    {
        var node = field == RecordField.Comment ? SlurmNode("n1", comment: RebuildRecord()) : SlurmNode("n1", extra: RebuildRecord());

        var facts = RebootFactsReader.Read("n1", [], null, node, null, field, "rebuild");

        Assert.True(facts.RecordAsksRebuild);
    }

    [Fact]
    public void Foreign_text_in_the_field_is_noted_and_asks_for_nothing()
    {
        var facts = RebootFactsReader.Read("n1", [], null, SlurmNode("n1", comment: "rack 12, ask Bob"), null, RecordField.Comment, "rebuild");

        Assert.False(facts.RecordAsksRebuild);
        Assert.Contains(facts.Notes, n => n.Contains("did not write", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alice", null)]
    [InlineData("nobody", "slurm")]
    [InlineData(null, "slurm")]
    public void A_rebuild_job_of_anyone_but_root_and_SlurmUser_chooses_no_image_and_says_so(string? user, string? slurmUser)
    {
        var facts = RebootFactsReader.Read("n4", [RebuildJob("n4", comment: "hpcmaint image=evil", user: user)], null, SlurmNode("n4"), null, RecordField.Comment, "rebuild", slurmUser);

        Assert.Null(facts.JobImage);
        var note = Assert.Single(facts.Notes);
        Assert.StartsWith($"rebuild job 42 of user {user ?? "?"} ignored (comment 'hpcmaint image=evil'): only root's", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root", null)]
    [InlineData("slurm", "slurm")]
    public void A_rebuild_job_of_root_or_SlurmUser_chooses_the_image(string user, string? slurmUser)
    {
        var facts = RebootFactsReader.Read("n4", [RebuildJob("n4", user: user)], null, SlurmNode("n4"), null, RecordField.Comment, "rebuild", slurmUser);

        Assert.Equal("img-7", facts.JobImage);
    }

    [Theory]
    [InlineData("hpcmaint image=../../etc plan=rb-1")]
    [InlineData("hpcmaint image=img;reboot")]
    [InlineData("hpcmaint image=$(id)")]
    [InlineData("hpcmaint image=-rf")]
    [InlineData("hpcmaint image=a/b")]
    public void A_rebuild_job_whose_image_is_not_a_name_hpcmaint_accepts_rebuilds_nothing(string comment)
    {
        var facts = RebootFactsReader.Read("n4", [RebuildJob("n4", comment: comment)], null, SlurmNode("n4"), null, RecordField.Comment, "rebuild");

        Assert.Null(facts.JobImage);
        Assert.Contains("is not an image name hpcmaint accepts", Assert.Single(facts.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Unanswered_reads_are_noted_and_leave_a_plain_reboot()
    {
        var facts = RebootFactsReader.Read("n1", null, "squeue timed out", null, "scontrol timed out", RecordField.Comment, "rebuild");

        Assert.Equal((null, false), (facts.JobImage, facts.RecordAsksRebuild));
        Assert.Equal(2, facts.Notes.Count);
    }
}
