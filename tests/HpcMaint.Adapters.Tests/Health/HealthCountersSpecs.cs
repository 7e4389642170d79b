using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Adapters.Tests.Health;

/// <summary>
/// The counters beside [health] metrics_file, after runs the decider planned and the real executor
/// carried out (remedies are real commands; Slurm answers every write with success, or a failure).
/// </summary>
public sealed class HealthCountersSpecs : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-health-counters-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Counters => Path.Combine(dir, "metrics-n1-counters.prom");

    private HealthSettings Settings(string[] remedy, TimeSpan? timeout = null) => new()
    {
        Strikes = 1,
        MetricsFile = Path.Combine(dir, "metrics-{node}.prom"),
        Breaker = new BreakerSettings { MaxNodes = NodeBudget.Nodes(4) },
        Checks = [Check],
        Remedies = [new RemedyDefinition("fix", "cmd.fabric", null, remedy, timeout ?? TimeSpan.FromSeconds(10), RemedyWhen.Now, 1)],
    };

    private static readonly CheckDefinition Check = new("fabric", "cmd", new Fixed(), HostTarget.All, TimeSpan.FromSeconds(5), CheckPriority.Default, 1, HealthSettings.DefaultLadder, 1);

    [Fact]
    public void The_counter_file_is_named_after_the_metrics_file()
    {
        Assert.Equal("/m/hpcmaint-counters.prom", HealthCounters.PathFor("/m/hpcmaint.prom"));
        Assert.Equal("/m/health.txt-counters.prom", HealthCounters.PathFor("/m/health.txt"));
    }

    [Fact]
    public async Task A_remedy_that_fixes_the_fault_counts_a_drain_a_ticket_opened_the_remedy_then_the_ticket_closed_and_a_resume()
    {
        var settings = Settings(["/bin/true"]);
        var opened = await RunAsync(settings, failing: true, View(null, NodeRecord.Empty), T0);
        var record = ((WriteRecord)opened.Outcomes.Single(o => o.Action is WriteRecord).Action).Record;
        Assert.Null(HealthCounters.Write(settings, opened));
        var afterOpen = Read();

        var closed = await RunAsync(settings, failing: false, View("hpcmaint: cmd.fabric: bad vs good", record), T0.AddSeconds(42));
        Assert.Null(HealthCounters.Write(settings, closed));

        Assert.Equal(1, afterOpen.Value(HealthCounters.Drains));
        Assert.Equal(1, afterOpen.Value(HealthCounters.TicketsOpened, ("step", "remedy")));
        Assert.Equal(1, afterOpen.Value(HealthCounters.Remedies, ("remedy", "fix"), ("outcome", "succeeded")));
        Assert.DoesNotContain(afterOpen, s => s.Name is HealthCounters.TicketsClosed or HealthCounters.Resumes);
        var after = Read();
        Assert.Equal(1, after.Value(HealthCounters.TicketsClosed, ("step", "remedy")));
        Assert.Equal(1, after.Value(HealthCounters.Resumes));
        Assert.Equal(42, after.Value(HealthCounters.Remediation));
        Assert.Equal(1, after.Value(HealthCounters.Drains));
    }

    [Theory]
    [InlineData("/bin/false", "failed")]
    [InlineData("/bin/sleep", "timed_out")]
    public async Task A_remedy_that_fails_or_runs_past_its_timeout_is_counted_so(string program, string outcome)
    {
        var settings = Settings(program == "/bin/sleep" ? [program, "10"] : [program], TimeSpan.FromMilliseconds(200));

        var run = await RunAsync(settings, failing: true, View(null, NodeRecord.Empty), T0);
        HealthCounters.Write(settings, run);

        var samples = Read();
        Assert.Equal(1, samples.Value(HealthCounters.Remedies, ("remedy", "fix"), ("outcome", outcome)));
        Assert.Single(samples, s => s.Name == HealthCounters.Remedies);
    }

    [Fact]
    public async Task A_ticket_climbing_rewrites_the_drain_reason_but_counts_no_new_drain_or_ticket()
    {
        var settings = Settings(["/bin/true"]);
        var ticket = new Ticket("cmd.fabric", "fabric", LadderStep.Reboot, T0, T0, [new TicketEvent(T0, "drain"), new TicketEvent(T0, "reboot")]);
        var view = View("hpcmaint: reboot: cmd.fabric: bad vs good", NodeRecord.Empty with { Ticket = ticket }, boot: T0.AddMinutes(5));

        var run = await RunAsync(settings, failing: true, view, T0.AddMinutes(10));
        Assert.Contains(run.Outcomes, o => o.Action is DrainNode && o.Carried);
        Assert.Contains(run.Outcomes, o => o.Action is RebootNode { Step: LadderStep.Rebuild } && o.Carried);

        Assert.Null(HealthCounters.Write(settings, run));
        Assert.False(File.Exists(Counters), "nothing to count: no new drain, the same ticket");
    }

    [Fact]
    public async Task Actions_skipped_after_a_failed_drain_and_a_dry_run_count_nothing()
    {
        var settings = Settings(["/bin/true"]);

        var failed = await RunAsync(settings, failing: true, View(null, NodeRecord.Empty), T0, slurmFails: true);
        var dryRun = await RunAsync(settings, failing: true, View(null, NodeRecord.Empty), T0, dryRun: true);

        Assert.Contains(failed.Outcomes, o => o.Action is RunRemedy && o.Skipped);
        Assert.Empty(HealthCounters.Of(failed));
        Assert.Null(HealthCounters.Write(settings, dryRun));
        Assert.False(File.Exists(Counters));
    }

    [Fact]
    public async Task A_healthy_run_does_not_touch_the_counter_file()
    {
        var settings = Settings(["/bin/true"]);
        var run = await RunAsync(settings, failing: false, View(null, NodeRecord.Empty), T0);

        Assert.Empty(HealthCounters.Of(run));
        Assert.Null(HealthCounters.Write(settings, run));
        Assert.Empty(Directory.GetFiles(dir));
    }

    private IReadOnlyList<Sample> Read() => PrometheusText.Parse(File.ReadAllText(Counters));

    /// <summary>One run: the decider's plan for this view, carried out by the real executor, as hpcmaint-health reports it.</summary>
    private async Task<HealthRunReport> RunAsync(HealthSettings settings, bool failing, SlurmView view, DateTimeOffset now, bool slurmFails = false, bool dryRun = false)
    {
        var verdict = failing ? CheckVerdict.Fail([new Finding("cmd.fabric", "bad", "good")]) : CheckVerdict.Pass();
        CheckResult[] results = [new(Check, verdict, TimeSpan.FromMilliseconds(5))];
        var input = new HealthInput("n1", results, StrikeBook.Empty, view, now, settings);
        var plan = HealthDecider.Decide(input);
        if (plan.NeedsPeers)
        {
            plan = HealthDecider.Decide(input with { Slurm = view with { Peers = [] } });
        }

        var slurm = new SlurmClient(new SlurmCommands(new SlurmSettings()), new AnswersAll(slurmFails));
        var processes = new ProcessRunner(TimeProvider.System);
        var executor = new HealthActionExecutor(slurm, new ManualNotifier(settings.Notify, processes, TimeProvider.System), processes,
            new AuditJournal(Path.Combine(dir, "audit.jsonl")), settings.RecordField, TimeProvider.System, "spec");
        var outcomes = await executor.ExecuteAsync(plan.Actions, dryRun, CancellationToken.None);
        return new HealthRunReport("n1", now, TimeSpan.FromSeconds(1), results, plan, outcomes, true, true, null, dryRun) { Before = view };
    }

    private static SlurmView View(string? reason, NodeRecord record, DateTimeOffset? boot = null) => new(
        new Node("n1", new NodeState(NodeBaseState.Idle, reason is null ? NodeFlags.None : NodeFlags.Drain), reason, "root", reason is null ? null : T0,
            boot ?? T0.AddDays(-1), T0.AddDays(-1), ["batch"], [], [], NodeRecordCodec.Encode(record), null, null),
        record);

    /// <summary>scontrol as the executor calls it: every write succeeds, or every one fails.</summary>
    private sealed class AnswersAll(bool fail) : ICommandRunner
    {
        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CommandResult(command, CommandOutcome.Exited, fail ? 1 : 0, string.Empty, fail ? "slurm_update error: Invalid node state specified" : string.Empty, T0, T0));
    }

    private sealed class Fixed : IHealthCheck
    {
        public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) => Task.FromResult(CheckVerdict.Pass());
    }
}
