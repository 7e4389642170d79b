using System.CommandLine;
using System.Text.Json;
using HpcMaint.Adapters.CloudMaintenance;
using HpcMaint.Adapters.Json;
using HpcMaint.Cli.Output;
using HpcMaint.Core.CloudMaintenance;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint oci report` (every OCI maintenance event with what hpcmaint would do and why; changes nothing),
/// `hpcmaint oci run` (one pass of the flow), `stage` (a pass's drains and schedules only), and the per-node
/// verbs `drain NODE`, `maintenance NODE`, `health NODE` (the gate, changing nothing) and `finalize NODE` (the
/// gate and what it leads to), each carrying out its phase of the pass's own decisions for the node's events
/// and the groups they move with; all with --dry-run. Exit 0 when the pass ran, 1 when it could not read OCI,
/// Slurm or its records, a step failed or NODE has no event, 2 on a bad config.
/// </summary>
public static class OciCommands
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var oci = new Command("oci", "OCI instance maintenance events: report them, or carry them out the Slurm way ([oci.maintenance])");
        var report = new Command("report", "Every maintenance event with its fault codes, node, Slurm state and what a pass would do, and why (changes nothing)");
        report.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), parse.GetValue(options.Json), "report", MaintenanceScope.Everything, dryRun: true, ct));
        oci.Subcommands.Add(report);
        oci.Subcommands.Add(Pass(env, options, "run", "One pass: drain, schedule, follow, gate and return the nodes of approved events", MaintenancePhase.All));
        oci.Subcommands.Add(Pass(env, options, "stage", "A pass's drains and schedules only (no gate, no return to service)", MaintenancePhase.Stage));
        oci.Subcommands.Add(PerNode(env, options, "drain", "Take NODE (and the nodes its event moves with) out of service after its jobs, if the policy lets it", MaintenancePhase.Drain));
        oci.Subcommands.Add(PerNode(env, options, "maintenance", "Schedule NODE's event now, once NODE (and its group) is drained and idle", MaintenancePhase.Maintenance));
        oci.Subcommands.Add(PerNode(env, options, "health", "Run the gate for NODE once its maintenance SUCCEEDED and it booted; changes nothing", MaintenancePhase.Health));
        oci.Subcommands.Add(PerNode(env, options, "finalize", "Gate NODE after its maintenance and return it to service, or drain it for a person; tag the event processed", MaintenancePhase.Health | MaintenancePhase.Finalize));
        return oci;
    }

    private static Option<bool> DryRun() => new("--dry-run", "-n") { Description = "Decide and print what would run; change nothing in Slurm or OCI" };

    private static Command Pass(CliEnvironment env, GlobalOptions options, string name, string description, MaintenancePhase phases)
    {
        var dryRun = DryRun();
        var command = new Command(name, description) { dryRun };
        command.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), parse.GetValue(options.Json), name, new MaintenanceScope(null, phases), parse.GetValue(dryRun), ct));
        return command;
    }

    private static Command PerNode(CliEnvironment env, GlobalOptions options, string name, string description, MaintenancePhase phases)
    {
        var dryRun = DryRun();
        var node = new Argument<string>("node") { Description = "The Slurm node of a maintenance event" };
        var command = new Command(name, description) { node, dryRun };
        command.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), parse.GetValue(options.Json), name, new MaintenanceScope(parse.GetValue(node), phases), parse.GetValue(dryRun), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, bool json, string name, MaintenanceScope scope, bool dryRun, CancellationToken ct)
    {
        var verb = $"hpcmaint oci {name}{(scope.Node is null ? "" : " " + scope.Node)}";
        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        var flow = MaintenanceFlow.Open(config, env.GetVariable("HOME"), env.Time);
        if (!flow.IsSuccess)
        {
            env.Error.WriteLine($"{verb}: {flow.Problem}");
            return ExitCodes.BadInput;
        }

        using (flow.Value)
        {
            var pass = await flow.Value.Loop(dryRun).RunAsync(scope, dryRun, ct).ConfigureAwait(false);
            if (!pass.IsSuccess)
            {
                env.Error.WriteLine($"{verb}: {pass.Problem}");
                return ExitCodes.Failed;
            }

            if (scope.Node is { } node && pass.Value.Selected.Count == 0)
            {
                var mapped = pass.Value.Plan.Decisions.Select(d => d.Node).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                env.Error.WriteLine($"{verb}: no maintenance event maps to {node} (events map to: {(mapped.Length == 0 ? "no node" : string.Join(", ", mapped))})");
                return ExitCodes.Failed;
            }

            if (json)
            {
                WriteJson(env.Out, pass.Value, name, dryRun);
            }
            else
            {
                WriteText(env.Out, pass.Value, verb, dryRun, report: name == "report");
            }

            return pass.Value.Done.Any(d => d.Contains(": FAILED: ", StringComparison.Ordinal)) ? ExitCodes.Failed : ExitCodes.Ok;
        }
    }

    private static void WriteText(TextWriter w, MaintenancePass pass, string verb, bool dryRun, bool report)
    {
        var table = new TextTable("EVENT", "NODE", "STATE", "FAULT CODES", "DECISION", "WHY");
        foreach (var d in pass.Selected)
        {
            table.Add(d.Event.Id, d.Node ?? "-", d.Event.State, d.Event.FaultCodes.Count == 0 ? "-" : string.Join(",", d.Event.FaultCodes), d.Verdict.ToString().ToLowerInvariant(), d.Why);
        }

        table.WriteTo(w);
        w.WriteLine($"{pass.Plan.Decisions.Count} event(s); daily cap {pass.Plan.CapUsed}/{pass.Plan.Cap} today; {pass.Plan.InFlight} in progress");
        if (report)
        {
            return;
        }

        if (dryRun)
        {
            foreach (var d in pass.Selected)
            {
                foreach (var a in d.Actions)
                {
                    w.WriteLine(pass.Scope.Covers(a) ? $"would {Describe(a)}" : $"left for `{MaintenanceScope.VerbFor(a, d.Node)}`: {Describe(a)}");
                }
            }

            w.WriteLine("dry run: nothing was changed in Slurm or OCI");
            return;
        }

        foreach (var line in pass.Done.Concat(pass.Left))
        {
            w.WriteLine(line);
        }

        if (pass.Scope.Node is not null && pass.Done.Count == 0)
        {
            w.WriteLine($"{verb}: nothing to do now (the decision above says why)");
        }
    }

    private static void WriteJson(TextWriter w, MaintenancePass pass, string verb, bool dryRun) => JsonText.WriteDocument(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("verb", verb);
        j.WriteStringOrNull("node", pass.Scope.Node);
        j.WriteBoolean("dry_run", dryRun);
        j.WriteNumber("cap_used_today", pass.Plan.CapUsed);
        j.WriteNumber("daily_cap", pass.Plan.Cap);
        j.WriteNumber("in_progress", pass.Plan.InFlight);
        j.WriteStartArray("events");
        foreach (var d in pass.Selected)
        {
            var e = d.Event;
            j.WriteStartObject();
            j.WriteString("event", e.Id);
            j.WriteString("instance", e.InstanceId);
            j.WriteStringOrNull("node", e.Node);
            j.WriteString("state", e.State);
            Strings(j, "fault_codes", e.FaultCodes);
            j.WriteStringOrNull("correlation_token", e.CorrelationToken);
            j.WriteStringOrNull("time_window_start", e.TimeWindowStart is { } start ? OperatorTime.FormatJson(start) : null);
            j.WriteStringOrNull("time_hard_due_date", e.TimeHardDueDate is { } due ? OperatorTime.FormatJson(due) : null);
            j.WriteNumber("schedule_attempt", e.ScheduleAttempt);
            j.WriteString("decision", d.Verdict.ToString().ToLowerInvariant());
            j.WriteString("why", d.Why);
            j.WriteBoolean("due_override", d.DueOverride);
            Strings(j, "actions", d.Actions.Where(pass.Scope.Covers).Select(Describe).ToArray());
            Strings(j, "left", d.Actions.Where(a => !pass.Scope.Covers(a)).Select(a => $"{MaintenanceScope.VerbFor(a, d.Node)}: {Describe(a)}").ToArray());
            j.WriteEndObject();
        }

        j.WriteEndArray();
        Strings(j, "done", pass.Done);
        Strings(j, "left", pass.Left);
        j.WriteEndObject();
    });

    private static void Strings(Utf8JsonWriter j, string name, IReadOnlyList<string> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values)
        {
            j.WriteStringValue(v);
        }

        j.WriteEndArray();
    }

    private static string Describe(MaintenanceAction a) => a switch
    {
        MaintenanceAction.RecordStart s => $"record the start of {s.EventId} for {s.Node}",
        MaintenanceAction.Drain d => $"drain {d.Node} (reason \"{d.Reason}\")",
        MaintenanceAction.RecordSchedule s => $"record attempt {s.Attempt} of {s.EventId}",
        MaintenanceAction.Schedule s => $"schedule {s.EventId} for {OperatorTime.Format(s.Start)} (attempt {s.Attempt}, retry token {MaintenanceLoop.RetryToken(s.EventId, s.Attempt)})",
        MaintenanceAction.RunGate g => $"run the gate for {g.Node}",
        MaintenanceAction.RecordGate g => $"record the gate {(g.Passed ? "passed" : "failed")} for {g.Node}",
        MaintenanceAction.Resume r => $"resume {r.Node}",
        MaintenanceAction.DrainFailed f => $"drain {f.Node} for a person ({f.Detail})",
        MaintenanceAction.RunOnFailure f => $"run [oci.maintenance] on_failure for {f.Node} ({f.Why})",
        MaintenanceAction.MarkProcessed m => $"tag {m.EventId} processed ({m.Outcome})",
        _ => a.ToString(),
    };
}
