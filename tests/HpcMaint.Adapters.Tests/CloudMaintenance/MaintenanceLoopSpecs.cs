using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.CloudMaintenance;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Tests.Audit;
using HpcMaint.Adapters.Tests.Oci;
using HpcMaint.Adapters.Tests.Oci.Support;
using HpcMaint.Core;
using HpcMaint.Core.Audit;
using HpcMaint.Core.CloudMaintenance;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Service;
using HpcMaint.Core.Slurm;
using HpcMaint.FakeOci;
using Microsoft.Extensions.Logging.Abstractions;

namespace HpcMaint.Adapters.Tests.CloudMaintenance;

/// <summary>The maintenance loop against the fake OCI on 127.0.0.1 and Slurm in memory: dry runs, a whole event, a failed work request.</summary>
public sealed class MaintenanceLoopSpecs : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-oci-maintenance-").FullName;

    private OciMaintenanceSettings settings = new()
    {
        ApprovedFaultCodes = ["HPCGPU-0001-01"],
        ExcludedHosts = ["gpu3"],
        MaxDownPercent = 100,
        ScheduleLead = TimeSpan.Zero,
    };

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private sealed class Harness(FakeOciFixture fake, MemorySlurm slurm, GateCommands gates, MemoryJournal journal, Func<bool, MaintenanceLoop> loop)
    {
        public FakeOciFixture Fake => fake;

        public MemorySlurm Slurm => slurm;

        public GateCommands Gates => gates;

        public MemoryJournal Journal => journal;

        public Func<bool, MaintenanceLoop> Loop => loop;

        public Task<Result<MaintenancePass>> PassAsync(bool dryRun = false) => loop(dryRun).RunAsync(dryRun, CancellationToken.None);

        public async Task<MaintenancePass> VerbAsync(string? node, MaintenancePhase phases, bool dryRun = false)
        {
            var pass = await loop(dryRun).RunAsync(new MaintenanceScope(node, phases), dryRun, CancellationToken.None);
            Assert.True(pass.IsSuccess, pass.Problem?.Words);
            return pass.Value;
        }
    }

    private Harness Build(FakeOciFixture fake, params string[] nodes)
    {
        var slurm = new MemorySlurm(nodes, TimeProvider.System.GetUtcNow().AddDays(-1));
        var gates = new GateCommands();
        var audit = new MemoryJournal();
        var client = fake.Client();
        var store = new MaintenanceStore(Path.Combine(dir, "state"));
        var drainer = new FailedNodeDrainer(slurm, slurm, slurm, RecordField.Comment, TimeProvider.System);
        return new Harness(fake, slurm, gates, audit, dryRun =>
        {
            var journal = new MaintenanceJournal(audit, TimeProvider.System, dryRun);
            var reader = new MaintenanceReader(
                client, new OciInstanceMapping.ByDisplayName(), _ => Task.FromResult(Result<IReadOnlyList<string>>.Of([OciTestKeys.Tenancy])), false, slurm, store, settings, journal, TimeProvider.System);
            return new MaintenanceLoop(reader, client, slurm, drainer, gates, store, settings, journal, TimeProvider.System);
        });
    }

    /// <summary>Passes until <paramref name="done"/>; a node whose event SUCCEEDED boots (its BootTime is now), as OCI's reboot migration would make it.</summary>
    private static async Task<bool> PassUntilAsync(Harness h, FakeOciEvent[] events, string[] nodes, Func<bool> done)
    {
        var booted = new HashSet<string>(StringComparer.Ordinal);
        return await FakeOciFixture.EventuallyAsync(async () =>
        {
            for (var i = 0; i < events.Length; i++)
            {
                var state = "";
                h.Fake.Cloud.Change(() => state = events[i].LifecycleState);
                if (state == "SUCCEEDED" && booted.Add(nodes[i]))
                {
                    h.Slurm[nodes[i]] = h.Slurm[nodes[i]] with { BootTime = TimeProvider.System.GetUtcNow().AddSeconds(1) };
                }
            }

            var pass = await h.PassAsync();
            Assert.True(pass.IsSuccess, pass.Problem?.Words);
            return done();
        }, Patience);
    }

    private static string? Tag(FakeOciFixture fake, FakeOciEvent e, string key)
    {
        string? value = null;
        fake.Cloud.Change(() => value = e.FreeformTags.GetValueOrDefault(key));
        return value;
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_in_Slurm_or_OCI_and_journals_every_call_and_every_decision_with_its_why()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var approved = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var unapproved = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu2"), "HPCRDMA-0002-02");
        var excluded = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu3"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1", "gpu2", "gpu3");

        var pass = await h.PassAsync(dryRun: true);

        Assert.True(pass.IsSuccess, pass.Problem?.Words);
        Assert.Equal(0, fake.Cloud.Writes);
        Assert.Empty(h.Slurm.Writes);
        Assert.Empty(pass.Value.Done);
        Assert.False(File.Exists(Path.Combine(dir, "state", "events.json")));
        var decisions = pass.Value.Plan.Decisions.ToDictionary(d => d.Event.Id);
        Assert.Equal(EventVerdict.Drain, decisions[approved.Id].Verdict);
        Assert.Equal(["HPCGPU-0001-01"], decisions[approved.Id].Event.FaultCodes);
        Assert.Equal("gpu1", decisions[approved.Id].Node);
        Assert.Contains("HPCRDMA-0002-02 is not in [oci.maintenance] approved_fault_codes", decisions[unapproved.Id].Why, StringComparison.Ordinal);
        Assert.Contains("gpu3 is in [oci.maintenance] excluded_hosts", decisions[excluded.Id].Why, StringComparison.Ordinal);

        var records = h.Journal.Records;
        Assert.Equal(["GetInstance", "GetInstanceMaintenanceEvent", "ListInstanceMaintenanceEvents"],
            records.Where(r => r.Action == "oci.call").Select(r => r.Details["operation"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(fake.Cloud.Calls().Count, records.Count(r => r.Action == "oci.call"));
        var journalled = records.Where(r => r.Action == "oci.decision").ToArray();
        Assert.Equal(3, journalled.Length);
        Assert.All(journalled, r => Assert.True(r.DryRun && r.Outcome == AuditOutcome.Planned));
        Assert.Contains(journalled, r => r.Node == "gpu1" && r.Details["verdict"] == "drain" && r.Details["actions"] == "record_start, drain");
    }

    [Fact]
    public async Task An_approved_event_goes_from_drain_after_its_job_to_scheduled_once_succeeded_gated_and_back_in_service_every_step_journalled()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1", "gpu2");
        h.Slurm["gpu1"] = h.Slurm["gpu1"] with { State = new NodeState(NodeBaseState.Allocated, NodeFlags.None) };

        var first = await h.PassAsync();
        Assert.Equal(["gpu1: drain hpcmaint: oci-maintenance event=" + planted.Id], h.Slurm.Writes);
        var waiting = await h.PassAsync();
        Assert.Contains("gpu1 still runs jobs (ALLOCATED+DRAIN)", waiting.Value.Plan.Decisions[0].Why, StringComparison.Ordinal);
        Assert.Equal(0, fake.Cloud.Writes);

        h.Slurm["gpu1"] = h.Slurm["gpu1"] with { State = h.Slurm["gpu1"].State with { Base = NodeBaseState.Idle } };
        Assert.True(await PassUntilAsync(h, [planted], ["gpu1"], () => Tag(fake, planted, settings.ProcessedTag) is not null), string.Join("\n", h.Journal.Records.Select(r => $"{r.Action} {r.Node} {r.Reason}")));

        fake.Cloud.Change(() => Assert.Equal(1, planted.Schedules));
        Assert.Equal("1", Tag(fake, planted, MaintenanceTags.Attempt));
        Assert.Equal("succeeded: gate passed, back in service", Tag(fake, planted, settings.ProcessedTag));
        Assert.False(h.Slurm["gpu1"].State.IsDrainSet);
        Assert.Equal(["/usr/sbin/hpcmaint verify gpu1"], h.Gates.Ran);
        Assert.Equal(["gpu1: drain hpcmaint: oci-maintenance event=" + planted.Id, "gpu1: resume"], h.Slurm.Writes);
        var actions = h.Journal.Records.Where(r => r.Action != "oci.call" && r.Action != "oci.decision").Select(r => r.Action).ToArray();
        Assert.Equal(["oci.record_start", "oci.drain", "oci.record_schedule", "oci.schedule", "oci.gate", "oci.record_gate", "oci.resume", "oci.mark_processed"], actions);
        Assert.Contains(h.Journal.Records, r => r.Action == "oci.call" && r.Details["operation"] == "GetWorkRequest" && r.Outcome == AuditOutcome.Succeeded);

        var after = await h.PassAsync();
        Assert.Equal(EventVerdict.Done, after.Value.Plan.Decisions[0].Verdict);
        Assert.Empty(after.Value.Done);
    }

    [Fact]
    public async Task A_node_failing_its_gate_after_the_maintenance_stays_drained_with_a_ticket_and_the_event_is_marked_failed()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1");
        h.Gates.Failing.Add("gpu1");

        Assert.True(await PassUntilAsync(h, [planted], ["gpu1"], () => Tag(fake, planted, settings.ProcessedTag) is not null));

        Assert.Equal("failed: gate failed", Tag(fake, planted, settings.ProcessedTag));
        var node = h.Slurm["gpu1"];
        Assert.True(node.State.IsDrainSet);
        Assert.Equal($"hpcmaint: manual: oci.maintenance: event={planted.Id}: gate failed: exit 1: gpu.count: 7 vs 8", node.Reason);
        Assert.Contains("oci.maintenance", node.Comment, StringComparison.Ordinal);
        Assert.Contains(h.Journal.Records, r => r.Action == "oci.drain_failed" && r.Outcome == AuditOutcome.Succeeded && r.Reason!.Contains("with a ticket for a person", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task After_a_failed_gate_on_failure_runs_once_with_the_node_the_event_and_the_why_and_even_when_it_fails_the_event_is_marked(int exit)
    {
        settings = settings with { OnFailure = ["/usr/local/sbin/notify-ops", "--page"] };
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1");
        h.Gates.Failing.Add("gpu1");
        h.Gates.Exits["/usr/local/sbin/notify-ops"] = exit;

        Assert.True(await PassUntilAsync(h, [planted], ["gpu1"], () => Tag(fake, planted, settings.ProcessedTag) is not null));
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await h.PassAsync()).IsSuccess);
        }

        Assert.Equal([$"/usr/local/sbin/notify-ops --page gpu1 {planted.Id} gate failed: exit 1: gpu.count: 7 vs 8"], h.Gates.Ran.Where(r => r.StartsWith("/usr/local/sbin/notify-ops", StringComparison.Ordinal)));
        Assert.Equal("failed: gate failed", Tag(fake, planted, settings.ProcessedTag));
        Assert.True(h.Slurm["gpu1"].State.IsDrainSet);
        var told = Assert.Single(h.Journal.Records, r => r.Action == "oci.on_failure");

        // Marked in the same pass, right after the command: a failing one does not send the event round another pass.
        var after = h.Journal.Records.SkipWhile(r => r != told).Skip(1).First(r => r.Action is "oci.mark_processed" or "oci.drain_failed" or "oci.decision");
        Assert.Equal("oci.mark_processed", after.Action);
        Assert.Equal(exit == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed, told.Outcome);
        Assert.Contains($"exit {exit}", told.Reason, StringComparison.Ordinal);
        Assert.Contains("\"on_failure\": \"exit " + exit, File.ReadAllText(Path.Combine(dir, "state", "events.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task In_the_service_a_monitor_only_pass_is_a_dry_run_and_an_acting_one_drains(bool act)
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1");
        var service = new Adapters.Service.OciMaintenanceLoop(
            h.Loop, new ServiceSettings { Act = act }, settings, new Adapters.Service.ServiceJournal(h.Journal, TimeProvider.System, act), TimeProvider.System, NullLogger.Instance);

        await service.RunAsync(once: true, CancellationToken.None);

        Assert.Equal(act ? ["gpu1: drain hpcmaint: oci-maintenance event=" + planted.Id] : [], h.Slurm.Writes);
        Assert.Equal(0, fake.Cloud.Writes);
        var decision = Assert.Single(h.Journal.Records, r => r.Action == "oci.decision");
        Assert.Equal(!act, decision.DryRun);
    }

    [Fact]
    public async Task A_failed_work_request_is_scheduled_again_with_a_new_attempt_and_the_event_then_completes()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        fake.Cloud.Change(() => fake.Cloud.WorkRequestOutcome = OciWorkRequest.Failed);
        var h = Build(fake, "gpu1");

        Assert.True(await PassUntilAsync(h, [planted], ["gpu1"], () => Tag(fake, planted, settings.ProcessedTag) is not null));

        fake.Cloud.Change(() => Assert.Equal(2, planted.Schedules));
        Assert.Equal("2", Tag(fake, planted, MaintenanceTags.Attempt));
        Assert.Contains(h.Journal.Records, r => r.Action == "oci.decision" && r.Reason!.Contains("FAILED: scheduled again", StringComparison.Ordinal));
        Assert.False(h.Slurm["gpu1"].State.IsDrainSet);
    }

    [Fact]
    public async Task A_pass_that_lost_the_schedules_answer_asks_again_with_the_same_retry_token_and_OCI_schedules_once()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1");
        await h.PassAsync(); // drained
        var store = new MaintenanceStore(Path.Combine(dir, "state"));
        await h.PassAsync(); // scheduled
        var kept = store.Load().Value;
        Assert.NotNull(kept[planted.Id].WorkRequestId);

        // The pass that scheduled it killed before it kept the work request: OCI took the schedule, the record does not say so.
        store.Save([kept[planted.Id] with { WorkRequestId = null }]);
        fake.Cloud.Change(() => planted.ScheduledFor = planted.ScheduledFor!.Value.AddMinutes(10));
        var again = await h.PassAsync();

        Assert.Contains("asked again with the same retry token", again.Value.Plan.Decisions[0].Why, StringComparison.Ordinal);
        fake.Cloud.Change(() => Assert.Equal(1, planted.Schedules));
        Assert.Equal(kept[planted.Id].WorkRequestId, store.Load().Value[planted.Id].WorkRequestId);
    }

    /// <summary>A dry run of a verb: nothing written in OCI or Slurm, no gate run, and the verb had something of its phase to do.</summary>
    private static async Task DryVerbAsync(Harness h, string? node, MaintenancePhase phases)
    {
        var (writes, slurm, gates) = (h.Fake.Cloud.Writes, h.Slurm.Writes.Count, h.Gates.Ran.Count);
        var dry = await h.VerbAsync(node, phases, dryRun: true);
        Assert.Equal((writes, slurm, gates), (h.Fake.Cloud.Writes, h.Slurm.Writes.Count, h.Gates.Ran.Count));
        Assert.Empty(dry.Done);
        Assert.Contains(dry.Selected.SelectMany(d => d.Actions), dry.Scope.Covers);
    }

    [Fact]
    public async Task The_per_node_verbs_carry_out_one_phase_each_drain_maintenance_health_finalize_and_each_one_s_dry_run_changes_nothing()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1", "gpu2");
        var drain = "gpu1: drain hpcmaint: oci-maintenance event=" + planted.Id;

        await DryVerbAsync(h, "gpu1", MaintenancePhase.Drain);
        await h.VerbAsync("gpu1", MaintenancePhase.Drain);
        Assert.Equal([drain], h.Slurm.Writes);
        Assert.Equal(0, fake.Cloud.Writes);

        var early = await h.VerbAsync("gpu1", MaintenancePhase.Health | MaintenancePhase.Finalize);
        Assert.Empty(early.Done);
        Assert.Equal(2, early.Left.Count);
        Assert.All(early.Left, l => Assert.Contains("left for `hpcmaint oci maintenance gpu1`", l, StringComparison.Ordinal));

        await DryVerbAsync(h, "gpu1", MaintenancePhase.Maintenance);
        await h.VerbAsync("gpu1", MaintenancePhase.Maintenance);
        fake.Cloud.Change(() => Assert.Equal(1, planted.Schedules));

        Assert.True(await SucceededAsync(h, planted));
        h.Slurm["gpu1"] = h.Slurm["gpu1"] with { BootTime = TimeProvider.System.GetUtcNow().AddSeconds(1) };

        await DryVerbAsync(h, "gpu1", MaintenancePhase.Health);
        var (writes, slurm) = (fake.Cloud.Writes, h.Slurm.Writes.Count);
        var health = await h.VerbAsync("gpu1", MaintenancePhase.Health);
        Assert.Equal(["/usr/sbin/hpcmaint verify gpu1"], h.Gates.Ran);
        Assert.Equal((writes, slurm), (fake.Cloud.Writes, h.Slurm.Writes.Count));
        Assert.Contains(health.Done, d => d.Contains(": gate: ", StringComparison.Ordinal) && d.Contains("passed", StringComparison.Ordinal));
        Assert.Equal(3, health.Left.Count);
        Assert.All(health.Left, l => Assert.Contains("left for `hpcmaint oci finalize gpu1`", l, StringComparison.Ordinal));
        Assert.Null(Tag(fake, planted, settings.ProcessedTag));

        await DryVerbAsync(h, "gpu1", MaintenancePhase.Health | MaintenancePhase.Finalize);
        await h.VerbAsync("gpu1", MaintenancePhase.Health | MaintenancePhase.Finalize);
        Assert.Equal([drain, "gpu1: resume"], h.Slurm.Writes);
        Assert.Equal("succeeded: gate passed, back in service", Tag(fake, planted, settings.ProcessedTag));
        fake.Cloud.Change(() => Assert.Equal(1, planted.Schedules));
    }

    [Fact]
    public async Task A_per_node_verb_acts_on_its_node_and_the_group_it_moves_with_only_and_stage_drains_and_schedules_without_the_gate()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var a1 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01", correlationToken: "repair-a");
        var a2 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu2"), "HPCGPU-0001-01", correlationToken: "repair-a");
        var b4 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu4"), "HPCGPU-0001-01");
        var h = Build(fake, "gpu1", "gpu2", "gpu4");

        Assert.Empty((await h.VerbAsync("gpu9", MaintenancePhase.Drain)).Selected);
        var drained = await h.VerbAsync("gpu2", MaintenancePhase.Drain);

        Assert.Equal([a1.Id, a2.Id], drained.Selected.Select(d => d.Event.Id));
        Assert.Equal(["gpu1: drain hpcmaint: oci-maintenance event=" + a1.Id, "gpu2: drain hpcmaint: oci-maintenance event=" + a2.Id], h.Slurm.Writes);
        Assert.Contains(h.Journal.Records, r => r.Action == "oci.decision" && r.Node == "gpu1");
        Assert.DoesNotContain(h.Journal.Records, r => r.Action == "oci.decision" && r.Node == "gpu4");

        await DryVerbAsync(h, null, MaintenancePhase.Stage);
        var staged = await h.VerbAsync(null, MaintenancePhase.Stage);
        Assert.Contains("gpu4: drain hpcmaint: oci-maintenance event=" + b4.Id, h.Slurm.Writes);
        fake.Cloud.Change(() => Assert.Equal((1, 1, 0), (a1.Schedules, a2.Schedules, b4.Schedules)));
        Assert.True(await SucceededAsync(h, a1, a2));
        foreach (var n in new[] { "gpu1", "gpu2" })
        {
            h.Slurm[n] = h.Slurm[n] with { BootTime = TimeProvider.System.GetUtcNow().AddSeconds(1) };
        }

        var later = await h.VerbAsync(null, MaintenancePhase.Stage);
        Assert.Empty(h.Gates.Ran);
        Assert.Contains(later.Left, l => l.Contains("gpu1: gate: left for `hpcmaint oci health gpu1`", StringComparison.Ordinal));
        Assert.DoesNotContain("gpu1: resume", h.Slurm.Writes);
    }

    /// <summary>Dry passes (each call moves the fake's events on by its clock) until the events SUCCEEDED.</summary>
    private static Task<bool> SucceededAsync(Harness h, params FakeOciEvent[] events) =>
        FakeOciFixture.EventuallyAsync(
            async () =>
            {
                await h.VerbAsync(null, MaintenancePhase.All, dryRun: true);
                return events.All(e => FakeState(h.Fake, e) == "SUCCEEDED");
            },
            Patience);

    private static string FakeState(FakeOciFixture fake, FakeOciEvent e)
    {
        var state = "";
        fake.Cloud.Change(() => state = e.LifecycleState);
        return state;
    }

    private sealed class GateCommands : ICommandRunner
    {
        public List<string> Ran { get; } = [];

        /// <summary>Nodes whose gate exits 1.</summary>
        public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

        /// <summary>Programs other than the gate, and the exit each gives.</summary>
        public Dictionary<string, int> Exits { get; } = new(StringComparer.Ordinal);

        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            lock (Ran)
            {
                Ran.Add(string.Join(' ', [command.Program, .. command.Arguments]));
            }

            var now = TimeProvider.System.GetUtcNow();
            if (Exits.TryGetValue(command.Program, out var exit))
            {
                return Task.FromResult(new CommandResult(command, CommandOutcome.Exited, exit, "", exit == 0 ? "" : "no route to the ticket system", now, now));
            }

            var fails = Failing.Contains(command.Arguments[^1]);
            return Task.FromResult(new CommandResult(command, CommandOutcome.Exited, fails ? 1 : 0, "ok", fails ? "gpu.count: 7 vs 8" : "", now, now));
        }
    }
}
