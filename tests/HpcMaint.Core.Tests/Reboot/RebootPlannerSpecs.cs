using HpcMaint.Core;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Core.Tests.Reboot;

public sealed class RebootPlannerSpecs
{
    private static readonly HpcMaintConfig Defaults = HpcMaintConfig.Defaults("t.toml");

    private static readonly HpcMaintConfig OnOpenStack = Defaults with
    {
        Reboot = new RebootSettings { Method = RebootMethodChoice.OpenStack },
        OpenStack = new OpenStackSettings { Cloud = "site", Image = "img-default" },
    };

    private static RebootFacts[] Plain(params string[] nodes) => nodes.Select(n => RebootFacts.Plain(n)).ToArray();

    [Fact]
    public void Every_node_gets_the_configured_command_with_its_name_filled_in()
    {
        var config = Defaults with { Reboot = new RebootSettings { Command = ["/usr/bin/ipmitool", "-H", "{node}-bmc", "chassis", "power", "cycle"] } };

        var plan = RebootPlanner.Plan(Plain("gpu01", "gpu02"), config);

        Assert.Equal(new[] { "gpu01", "gpu02" }, plan.Select(a => a.Node));
        Assert.Equal(new[] { "/usr/bin/ipmitool", "-H", "gpu02-bmc", "chassis", "power", "cycle" }, plan[1].Command);
        Assert.All(plan, a => Assert.Equal(("os-reboot", false), (a.MethodName, a.NeedsWorker)));
    }

    [Fact]
    public void A_node_listed_twice_is_rebooted_once()
    {
        var plan = RebootPlanner.Plan(Plain("n1", "n2", "n1"), Defaults);

        Assert.Equal(new[] { "n1", "n2" }, plan.Select(a => a.Node));
        Assert.Equal(new[] { "/usr/sbin/reboot" }, plan[0].Command);
    }

    [Fact]
    public void Nodes_of_a_power_group_are_power_cycled_and_the_others_rebooted_by_the_default_method()
    {
        var config = Defaults with
        {
            Reboot = new RebootSettings { Nodes = [new RebootNodeGroup(HostTarget.TryParse("bm[1-2]", out _)!, RebootMethodChoice.Power)] },
            Power = new PowerSettings { Command = ["/usr/bin/ipmitool", "-H", "{node}-bmc", "chassis", "power", "cycle"] },
        };

        var plan = RebootPlanner.Plan(Plain("bm2", "vm1"), config);

        Assert.Equal((RebootMethod.PowerCycle, "bm2-bmc"), (plan[0].Method, plan[0].Command[2]));
        Assert.Equal(RebootMethod.OsReboot, plan[1].Method);
    }

    [Theory]
    [InlineData(false, RebootMethod.OpenStackSoftReboot)]
    [InlineData(true, RebootMethod.OpenStackHardReboot)]
    public void The_openstack_method_reboots_the_server_the_configured_way(bool hard, RebootMethod expected)
    {
        var config = OnOpenStack with { OpenStack = OnOpenStack.OpenStack! with { HardReboot = hard } };

        var action = Assert.Single(RebootPlanner.Plan(Plain("n1"), config));

        Assert.Equal((expected, true), (action.Method, action.NeedsWorker));
        Assert.Empty(action.Command);
    }

    [Fact]
    public void The_image_of_the_rebuild_job_wins_over_the_default_image()
    {
        var facts = new RebootFacts("n1", "img-2026", 42, RecordAsksRebuild: true, []);

        var action = Assert.Single(RebootPlanner.Plan([facts], OnOpenStack));

        Assert.Equal((RebootMethod.OpenStackRebuild, "img-2026"), (action.Method, action.Image));
        Assert.Contains("rebuild job 42", action.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_at_the_rebuild_step_rebuilds_to_the_default_image()
    {
        var facts = new RebootFacts("n1", null, null, RecordAsksRebuild: true, []);

        var action = Assert.Single(RebootPlanner.Plan([facts], OnOpenStack));

        Assert.Equal((RebootMethod.OpenStackRebuild, "img-default"), (action.Method, action.Image));
    }

    [Fact]
    public void A_held_node_whose_ticket_is_at_the_rebuild_step_gets_the_plain_reboot_and_the_journal_says_why()
    {
        var facts = new RebootFacts("n1", null, null, RecordAsksRebuild: true, []) { Hold = new Hold("BIOS update", "alice", DateTimeOffset.UnixEpoch) };

        var action = Assert.Single(RebootPlanner.Plan([facts], OnOpenStack));

        Assert.Equal((RebootMethod.OpenStackSoftReboot, null), (action.Method, action.Image));
        Assert.Contains("held by alice (BIOS update): a plain reboot, no rebuild", action.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_node_still_gets_the_rebuild_its_admin_queued_as_a_rebuild_job()
    {
        var facts = new RebootFacts("n1", "img-2026", 42, RecordAsksRebuild: true, []) { Hold = new Hold("BIOS update", "alice", DateTimeOffset.UnixEpoch) };

        var action = Assert.Single(RebootPlanner.Plan([facts], OnOpenStack));

        Assert.Equal((RebootMethod.OpenStackRebuild, "img-2026"), (action.Method, action.Image));
    }

    [Fact]
    public void Without_openstack_a_rebuild_runs_the_site_command_with_node_and_image_filled_in()
    {
        var config = Defaults with { Rebuild = new HpcMaint.Core.Rebuild.RebuildSettings { Command = ["/opt/site/reimage", "--node", "{node}", "--image={image}"] } };

        var plan = RebootPlanner.Plan([new RebootFacts("n3", "img-9", 7, false, []), new RebootFacts("n4", null, null, true, [])], config);

        Assert.Equal(new[] { "/opt/site/reimage", "--node", "n3", "--image=img-9" }, plan[0].Command);
        Assert.Equal(new[] { "/opt/site/reimage", "--node", "n4", "--image=" }, plan[1].Command);
        Assert.All(plan, a => Assert.Equal((RebootMethod.RebuildCommand, false), (a.Method, a.NeedsWorker)));
    }

    [Fact]
    public void A_rebuild_with_no_way_to_carry_it_out_becomes_a_plain_reboot_that_says_why()
    {
        var action = Assert.Single(RebootPlanner.Plan([new RebootFacts("n1", "img-9", 7, false, [])], Defaults));

        Assert.Equal(RebootMethod.OsReboot, action.Method);
        Assert.Contains("no [openstack] section and no [rebuild] command", action.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_rebuild_on_openstack_without_a_default_image_is_a_reboot_by_the_configured_method()
    {
        var config = OnOpenStack with { OpenStack = OnOpenStack.OpenStack! with { Image = null } };

        var action = Assert.Single(RebootPlanner.Plan([new RebootFacts("n1", null, null, true, [])], config));

        Assert.Equal(RebootMethod.OpenStackSoftReboot, action.Method);
        Assert.Contains("no [openstack] image", action.Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("img-new", false, RebootMethod.OpenStackSoftReboot)]
    [InlineData("img-new", true, RebootMethod.OpenStackHardReboot)]
    [InlineData("img-old", false, RebootMethod.OpenStackRebuild)]
    [InlineData(null, false, RebootMethod.OpenStackRebuild)]
    public void A_rebuild_to_the_image_the_server_runs_already_becomes_a_reboot(string? current, bool hard, RebootMethod expected)
    {
        var rebuild = new RebootAction("n1", RebootMethod.OpenStackRebuild, [], "img-new", "rebuild job 1 asks for image img-new");

        var decided = RebootPlanner.ForServer(rebuild, current, hard);

        Assert.Equal(expected, decided.Method);
        Assert.Equal(expected == RebootMethod.OpenStackRebuild ? "img-new" : null, decided.Image);
    }

    [Fact]
    public void A_plan_survives_the_trip_through_the_worker_file()
    {
        RebootAction[] actions =
        [
            new("n1", RebootMethod.OpenStackRebuild, [], "img-new", "rebuild job 3 asks for image img-new"),
            new("n2", RebootMethod.OpenStackHardReboot, [], null, "requested by Slurm"),
        ];

        var decoded = RebootPlanFile.Decode(RebootPlanFile.Encode("controller", actions));

        Assert.Equal("controller", decoded.Value.Mode);
        Assert.Equal(actions, decoded.Value.Actions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"mode\":\"x\",\"actions\":[{\"node\":\"n1\",\"method\":\"teleport\",\"command\":[],\"why\":\"\"}]}")]
    public void A_damaged_plan_file_is_a_problem_not_a_crash(string text) =>
        Assert.Equal(ProblemKind.Invalid, RebootPlanFile.Decode(text).Problem?.Kind);

    [Fact]
    public void A_node_whose_rebuild_could_not_be_ruled_out_is_rebooted_and_the_decision_says_why()
    {
        var config = Defaults with { Rebuild = Defaults.Rebuild with { Command = ["/opt/rebuild", "{node}", "{image}"] } };
        var facts = RebootFacts.Plain("n2", "rebuild jobs not read: slurmctld is unreachable: `squeue --json` did not finish within 10 s");

        var action = Assert.Single(RebootPlanner.Plan([facts], config));

        Assert.Equal(RebootMethod.OsReboot, action.Method);
        Assert.Equal(
            "requested by Slurm; rebooting, not rebuilding, although a rebuild could not be ruled out: rebuild jobs not read: slurmctld is unreachable: `squeue --json` did not finish within 10 s",
            action.Why);
    }

    [Fact]
    public void A_node_Slurm_said_everything_about_is_simply_requested_by_Slurm()
    {
        var config = Defaults with { Rebuild = Defaults.Rebuild with { Command = ["/opt/rebuild", "{node}", "{image}"] } };

        Assert.Equal("requested by Slurm", Assert.Single(RebootPlanner.Plan(Plain("n2"), config)).Why);
    }
}
