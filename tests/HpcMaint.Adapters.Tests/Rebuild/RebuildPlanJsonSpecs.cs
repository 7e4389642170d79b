using System.Text;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Tests.Rebuild;

public sealed class RebuildPlanJsonSpecs
{
    private static readonly DateTimeOffset Made = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A plan file as `hpcmaint rebuild` wrote it before --gate and --sbatch-option existed.</summary>
    private const string OldPlanFile = """
        {
          "id": "rb-20261121T093000Z",
          "image": "rocky9-2026.11",
          "strategy": "job",
          "max_down_percent": 25,
          "selection": "--partition batch",
          "created": "2026-11-21T09:30:00.000Z",
          "status": "running",
          "counts": { "waiting": 1 },
          "nodes": [
            { "name": "n1", "step": "waiting", "since": "2026-11-21T09:30:00.000Z", "job_id": null, "detail": null, "image_before": "old", "attempts": 0 }
          ]
        }
        """;

    private static RebuildPlan Plan() =>
        new("rb-1", "rocky9-2026.11", RebuildStrategy.Job, 50, Made, PlanStatus.Running, [new PlannedNode("n1", RebuildStep.Waiting, Made)])
        { Selection = "--partition batch,gpu" };

    [Fact]
    public void A_plans_gate_and_sbatch_options_read_back_word_for_word()
    {
        var plan = Plan() with { Gate = ["/bin/sh", "-c", "touch '/tmp/a b'"], SbatchOptions = ["--time=10", "--comment-x=\"q\""] };

        var read = RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan), out var problem);

        Assert.Null(problem);
        Assert.Equal(plan.Gate, read!.Gate);
        Assert.Equal(plan.SbatchOptions, read.SbatchOptions);
        Assert.Equal("--partition batch,gpu", read.Selection);
    }

    [Fact]
    public void A_reboot_plan_reads_back_as_a_reboot_with_each_nodes_recorded_ask()
    {
        var asked = Made.AddMinutes(3);
        var plan = Plan() with { Kind = PlanKind.Reboot, Image = string.Empty };
        plan = plan.With(plan.Find("n1")! with { Step = RebuildStep.Rebooting, RebootAsked = asked });

        var read = RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan), out var problem);

        Assert.Null(problem);
        Assert.Equal((PlanKind.Reboot, string.Empty, asked), (read!.Kind, read.Image, read.Find("n1")!.RebootAsked));
    }

    [Fact]
    public void A_plans_prediction_reads_back_node_for_node_and_an_old_plan_has_none()
    {
        var estimate = new RebootEstimate(TimeSpan.FromSeconds(12.5), "median of 2 earlier reboot(s) of n1");
        var prediction = new Prediction(Made, [new PredictedNode("n1", 1, Made, Made.AddSeconds(5), Made.AddSeconds(7), Made.AddSeconds(19.5), estimate)], [new UnpredictedNode("n2", "never admitted: x")]);
        var plan = Plan() with { Prediction = prediction };

        var read = RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan), out var problem);
        var old = RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(OldPlanFile), out _);

        Assert.Null(problem);
        Assert.Equal(prediction.Nodes, read!.Prediction!.Nodes);
        Assert.Equal(prediction.Unpredicted, read.Prediction.Unpredicted);
        Assert.Equal(Made, read.Prediction.Made);
        Assert.Null(old!.Prediction);
    }

    [Fact]
    public void A_plan_file_written_before_hpcmaint_reboot_is_a_rebuild_with_no_ask_recorded()
    {
        var read = RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(OldPlanFile), out _);

        Assert.Equal(PlanKind.Rebuild, read!.Kind);
        Assert.Null(read.Find("n1")!.RebootAsked);
    }

    [Fact]
    public void A_stalled_plan_reads_back_stalled_since_the_same_time_by_the_same_nodes()
    {
        var plan = Plan() with { Stall = new PlanStall(Made.AddMinutes(7), [new StallBlocker("n2", "drained", "drained by someone else: bios update")]) };

        var read = RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan), out var problem);

        Assert.Null(problem);
        Assert.True(read!.Stall!.SameAs(plan.Stall));
        Assert.Null(RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(OldPlanFile), out _)!.Stall);
        Assert.Null(RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan with { Status = PlanStatus.Cancelled }), out _)!.Stall);
    }

    [Fact]
    public void A_plan_without_its_own_gate_reads_back_without_one()
    {
        var bytes = RebuildPlanJson.ToBytes(Plan());

        var read = RebuildPlanJson.TryRead(bytes, out _);

        Assert.Contains("\"gate\": null", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Null(read!.Gate);
        Assert.Empty(read.SbatchOptions);
    }

    [Fact]
    public void A_plan_file_written_before_gate_and_sbatch_options_reads_as_the_configured_gate_and_no_options()
    {
        var read = RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(OldPlanFile), out var problem);

        Assert.Null(problem);
        Assert.Null(read!.Gate);
        Assert.Empty(read.SbatchOptions);
        Assert.Equal(["n1"], read.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void A_gate_that_is_not_a_list_of_words_is_reported_not_thrown()
    {
        var text = OldPlanFile.Replace("\"selection\"", "\"gate\": [\"/bin/true\", 3], \"selection\"", StringComparison.Ordinal);

        var read = RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(text), out var problem);

        Assert.Null(read);
        Assert.Contains("a Number in a list of words", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("25%")]
    public void A_plans_per_switch_limit_reads_back(string limit)
    {
        var plan = Plan() with { MaxDownPerSwitch = DownLimit.TryParse(limit, out _) };

        var read = RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan), out var problem);

        Assert.Null(problem);
        Assert.Equal(plan.MaxDownPerSwitch, read!.MaxDownPerSwitch);
        Assert.Null(RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(OldPlanFile), out _)!.MaxDownPerSwitch);
    }

    [Fact]
    public void The_terminate_preemptable_choice_and_each_nodes_requeued_jobs_read_back_and_an_older_file_has_neither()
    {
        var plan = Plan() with { TerminatePreemptable = true };
        plan = plan.With(plan.Find("n1")! with { RequeueAsked = [41, 42] });

        var read = RebuildPlanJson.TryRead(RebuildPlanJson.ToBytes(plan), out var problem);
        var old = RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(OldPlanFile), out _)!;

        Assert.Null(problem);
        Assert.True(read!.TerminatePreemptable);
        Assert.Equal([41L, 42L], read.Find("n1")!.RequeueAsked);
        Assert.False(old.TerminatePreemptable);
        Assert.Empty(old.Find("n1")!.RequeueAsked);
    }

    [Fact]
    public void A_per_switch_limit_that_is_not_one_is_reported_not_thrown()
    {
        var text = OldPlanFile.Replace("\"selection\"", "\"max_down_per_switch\": \"0%\", \"selection\"", StringComparison.Ordinal);

        var read = RebuildPlanJson.TryRead(Encoding.UTF8.GetBytes(text), out var problem);

        Assert.Null(read);
        Assert.Equal("max_down_per_switch '0%': write a number of nodes (1 or more) or a percentage (1% to 100%)", problem);
    }
}
