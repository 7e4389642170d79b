using System.CommandLine;
using System.Text.Json;
using HpcMaint.Adapters.CloudMaintenance;
using HpcMaint.Adapters.Json;
using HpcMaint.Cli.Output;
using HpcMaint.Core.CloudMaintenance;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint oci report` (every OCI maintenance event with what hpcmaint would do and why; changes nothing) and
/// `hpcmaint oci run [--dry-run]` (one pass of the flow). Exit 0 when the pass ran, 1 when it could not read
/// OCI, Slurm or its records or a step failed, 2 on a bad config.
/// </summary>
public static class OciCommands
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var oci = new Command("oci", "OCI instance maintenance events: report them, or carry them out the Slurm way ([oci.maintenance])");
        var report = new Command("report", "Every maintenance event with its fault codes, node, Slurm state and what a pass would do, and why (changes nothing)");
        report.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), parse.GetValue(options.Json), dryRun: true, report: true, ct));
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Decide and print what would run; change nothing in Slurm or OCI" };
        var run = new Command("run", "One pass: drain, schedule, follow, gate and return the nodes of approved events") { dryRun };
        run.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), parse.GetValue(options.Json), parse.GetValue(dryRun), report: false, ct));
        oci.Subcommands.Add(report);
        oci.Subcommands.Add(run);
        return oci;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, bool json, bool dryRun, bool report, CancellationToken ct)
    {
        var verb = report ? "hpcmaint oci report" : "hpcmaint oci run";
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
            var pass = await flow.Value.Loop(dryRun).RunAsync(dryRun, ct).ConfigureAwait(false);
            if (!pass.IsSuccess)
            {
                env.Error.WriteLine($"{verb}: {pass.Problem}");
                return ExitCodes.Failed;
            }

            if (json)
            {
                WriteJson(env.Out, pass.Value, dryRun);
            }
            else
            {
                WriteText(env.Out, pass.Value, dryRun, report);
            }

            return pass.Value.Done.Any(d => d.Contains(": FAILED: ", StringComparison.Ordinal)) ? ExitCodes.Failed : ExitCodes.Ok;
        }
    }

    private static void WriteText(TextWriter w, MaintenancePass pass, bool dryRun, bool report)
    {
        var table = new TextTable("EVENT", "NODE", "STATE", "FAULT CODES", "DECISION", "WHY");
        foreach (var d in pass.Plan.Decisions)
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
            foreach (var d in pass.Plan.Decisions)
            {
                foreach (var a in d.Actions)
                {
                    w.WriteLine($"would {Describe(a)}");
                }
            }

            w.WriteLine("dry run: nothing was changed in Slurm or OCI");
            return;
        }

        foreach (var line in pass.Done)
        {
            w.WriteLine(line);
        }
    }

    private static void WriteJson(TextWriter w, MaintenancePass pass, bool dryRun) => JsonText.WriteDocument(w, j =>
    {
        j.WriteStartObject();
        j.WriteBoolean("dry_run", dryRun);
        j.WriteNumber("cap_used_today", pass.Plan.CapUsed);
        j.WriteNumber("daily_cap", pass.Plan.Cap);
        j.WriteNumber("in_progress", pass.Plan.InFlight);
        j.WriteStartArray("events");
        foreach (var d in pass.Plan.Decisions)
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
            Strings(j, "actions", d.Actions.Select(Describe).ToArray());
            j.WriteEndObject();
        }

        j.WriteEndArray();
        Strings(j, "done", pass.Done);
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
        MaintenanceAction.Resume r => $"resume {r.Node}",
        MaintenanceAction.DrainFailed f => $"drain {f.Node} for a person ({f.Detail})",
        MaintenanceAction.MarkProcessed m => $"tag {m.EventId} processed ({m.Outcome})",
        _ => a.ToString(),
    };
}
