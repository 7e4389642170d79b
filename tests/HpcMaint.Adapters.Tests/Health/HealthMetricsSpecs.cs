using HpcMaint.Adapters.Health;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Adapters.Tests.Health;

/// <summary>hpcmaint-health's per-run gauges ([health] metrics_file), read back with a strict parser.</summary>
public sealed class HealthMetricsSpecs
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);

    private static CheckResult Result(string name, string kind, CheckVerdict verdict, double seconds) =>
        new(new CheckDefinition(name, kind, null!, HostTarget.All, TimeSpan.FromSeconds(5), CheckPriority.Default, 3, HealthSettings.DefaultLadder, 1), verdict, TimeSpan.FromSeconds(seconds));

    private static HealthRunReport Report(NodeRecord? after, bool breakerOpen = false, bool asked = true, bool answered = true, string? journalProblem = null) => new(
        "n1",
        T0,
        TimeSpan.FromSeconds(1.25),
        [
            Result("scratch", "fs.mount", CheckVerdict.Pass(), 0.5),
            Result("gpus", "gpu.nvidia", CheckVerdict.Fail([new Finding("gpu.nvidia.ecc", "3 uncorrectable", "0")]), 2),
            Result("fabric \"x\"", "cmd", CheckVerdict.Error("cmd.error", "timed out"), 5),
        ],
        new HealthPlan(new StrikeBook(new Dictionary<string, int> { [StrikeBook.Key("gpus", "gpu.nvidia.ecc")] = 2 }), [], []) { BreakerOpen = breakerOpen },
        [],
        asked,
        answered,
        after,
        false)
    {
        JournalProblem = journalProblem,
    };

    [Fact]
    public void A_run_with_a_failing_and_an_erring_check_and_a_ticket_at_the_reboot_step_shows_each_value()
    {
        var ticket = new Ticket("gpu.nvidia.ecc", "gpus", LadderStep.Reboot, T0, T0, []);

        var samples = PrometheusText.Parse(HealthMetrics.Format(Report(NodeRecord.Empty with { Ticket = ticket })));

        Assert.Equal(0, samples.Value("hpcmaint_health_check_status", ("check", "scratch"), ("kind", "fs.mount")));
        Assert.Equal(1, samples.Value("hpcmaint_health_check_status", ("check", "gpus"), ("kind", "gpu.nvidia")));
        Assert.Equal(2, samples.Value("hpcmaint_health_check_status", ("check", "fabric \"x\""), ("kind", "cmd")));
        Assert.Equal(2, samples.Value("hpcmaint_health_check_duration_seconds", ("check", "gpus")));
        Assert.Equal(2, samples.Value("hpcmaint_health_strikes", ("check", "gpus"), ("condition", "gpu.nvidia.ecc")));
        Assert.Equal(1, samples.Value("hpcmaint_health_ticket_open", ("step", "reboot")));
        Assert.Equal(0, samples.Where(s => s.Name == "hpcmaint_health_ticket_open" && s.Labels["step"] != "reboot").Sum(s => s.Value));
        Assert.Equal(["remedy", "reboot", "rebuild", "manual"], samples.Where(s => s.Name == "hpcmaint_health_ticket_open").Select(s => s.Labels["step"]));
        Assert.Equal(0, samples.Value("hpcmaint_health_breaker_open"));
        Assert.Equal(0, samples.Value("hpcmaint_health_held"));
        Assert.Equal(1, samples.Value("hpcmaint_health_journal_writable"));
        Assert.Equal(1, samples.Value("hpcmaint_health_slurm_reachable"));
        Assert.Equal(1.25, samples.Value("hpcmaint_health_run_duration_seconds"));
        Assert.Equal(T0.ToUnixTimeSeconds(), samples.Value("hpcmaint_health_last_run_timestamp_seconds"));
    }

    [Fact]
    public void A_held_node_whose_breaker_is_open_and_whose_journal_and_slurmctld_failed_shows_each()
    {
        var record = NodeRecord.Empty with { Hold = new Hold("BIOS update", "root", T0), BreakerOpened = T0 };

        var samples = PrometheusText.Parse(HealthMetrics.Format(Report(record, asked: true, answered: false, journalProblem: "EROFS")));

        Assert.Equal(1, samples.Value("hpcmaint_health_held"));
        Assert.Equal(1, samples.Value("hpcmaint_health_breaker_open"));
        Assert.Equal(0, samples.Value("hpcmaint_health_journal_writable"));
        Assert.Equal(0, samples.Value("hpcmaint_health_slurm_reachable"));
        Assert.Equal(0, samples.Where(s => s.Name == "hpcmaint_health_ticket_open").Sum(s => s.Value));
    }

    [Fact]
    public void The_breaker_stopping_this_run_shows_open_before_the_record_says_so()
    {
        var samples = PrometheusText.Parse(HealthMetrics.Format(Report(null, breakerOpen: true, asked: false, answered: false)));

        Assert.Equal(1, samples.Value("hpcmaint_health_breaker_open"));
        Assert.Equal(1, samples.Value("hpcmaint_health_slurm_reachable")); // not asked this run
    }
}
