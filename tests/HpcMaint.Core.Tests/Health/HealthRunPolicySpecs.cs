using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Core.Tests.Health;

public sealed class HealthRunPolicySpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_checks_leave_room_for_two_Slurm_commands_but_keep_at_least_half_the_time_limit()
    {
        Assert.Equal(TimeSpan.FromSeconds(14), HealthRunPolicy.ChecksTimeLimit(new HealthSettings { Budget = TimeSpan.FromSeconds(20), SlurmTimeout = TimeSpan.FromSeconds(3) }));
        Assert.Equal(TimeSpan.FromSeconds(10), HealthRunPolicy.ChecksTimeLimit(new HealthSettings { Budget = TimeSpan.FromSeconds(20), SlurmTimeout = TimeSpan.FromSeconds(8) }));
    }

    [Fact]
    public void A_healthy_node_with_nothing_open_asks_slurmctld_only_once_per_refresh()
    {
        var settings = new HealthSettings { SlurmRefresh = TimeSpan.FromMinutes(5) };

        Assert.False(HealthRunPolicy.MustAskSlurm([], nothingOpen: true, Now.AddMinutes(-4), Now, settings));
        Assert.True(HealthRunPolicy.MustAskSlurm([], nothingOpen: true, Now.AddMinutes(-5), Now, settings));
        Assert.True(HealthRunPolicy.MustAskSlurm([], nothingOpen: true, slurmCheckedAt: null, Now, settings));
        Assert.True(HealthRunPolicy.MustAskSlurm([], nothingOpen: false, Now.AddMinutes(-1), Now, settings));
    }

    [Fact]
    public void The_gate_counts_a_failing_check_at_once_and_always_asks_slurmctld()
    {
        var settings = new HealthSettings
        {
            SlurmRefresh = TimeSpan.FromMinutes(5),
            Checks = [Tests.Remediation.Scenario.Definition("fs.mount", strikes: 3), Tests.Remediation.Scenario.Definition("gpu.ecc", strikes: 5)],
        };

        var gate = HealthRunPolicy.Gate(settings);

        Assert.All(gate.Checks, c => Assert.Equal(1, c.Strikes));
        Assert.Equal(["fs.mount", "gpu.ecc"], gate.Checks.Select(c => c.Name));
        Assert.True(HealthRunPolicy.MustAskSlurm([], nothingOpen: true, Now.AddSeconds(-1), Now, gate));
    }

    [Fact]
    public void A_ticket_replaced_by_a_newer_one_is_one_closed_and_one_opened()
    {
        var old = new Ticket("gpu.count", "gpu", LadderStep.Reboot, Now.AddHours(-2), Now.AddHours(-1), []);
        var fresh = old with { Opened = Now, StepStarted = Now };

        Assert.Equal((fresh, old), (TicketChange.Opened(old, fresh), TicketChange.Closed(old, fresh)));
        Assert.Equal(((Ticket?)null, (Ticket?)null), (TicketChange.Opened(old, old with { Step = LadderStep.Rebuild }), TicketChange.Closed(old, old with { Step = LadderStep.Rebuild })));
        Assert.Equal((fresh, (Ticket?)null), (TicketChange.Opened(null, fresh), TicketChange.Closed(null, fresh)));
    }
}
