using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Config;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Cli.Commands;

/// <summary>`hpcmaint audit`: the journal, filtered by node, action and time; a table or --json.</summary>
public static class AuditCommands
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var node = new Option<string?>("--node", "-n") { Description = "Only these nodes (a hostlist, e.g. gpu[001-004])" };
        var action = new Option<string?>("--action", "-a") { Description = "Only this action (drain, resume, reboot, ...)" };
        var since = new Option<string?>("--since") { Description = "From this time (ISO 8601, or a duration ago such as 2h)" };
        var until = new Option<string?>("--until") { Description = "Up to this time (ISO 8601, or a duration ago such as 30m)" };
        var journal = new Option<string?>("--journal") { Description = "Journal file (default: [audit] journal from the config)" };
        var audit = new Command("audit", "Show the audit journal of decisions and actions") { node, action, since, until, journal };
        audit.SetAction(parse => Run(
            env,
            parse.GetValue(options.Config),
            parse.GetValue(options.Json),
            parse.GetValue(journal),
            parse.GetValue(node),
            parse.GetValue(action),
            parse.GetValue(since),
            parse.GetValue(until)));
        return audit;
    }

    private static int Run(CliEnvironment env, string? configPath, bool json, string? journalPath, string? nodes, string? action, string? since, string? until)
    {
        var now = env.Time.GetUtcNow();
        if (!TryParseTime(since, now, out var from) || !TryParseTime(until, now, out var to))
        {
            env.Error.WriteLine($"hpcmaint audit: cannot read the time '{(from is null && since is not null ? since : until)}'; write 2026-11-21T09:30:00Z or a duration ago such as 2h");
            return ExitCodes.BadInput;
        }

        HashSet<string>? nodeSet = null;
        if (nodes is not null)
        {
            if (!Hostlist.TryExpand(nodes, out var expanded, out var error))
            {
                env.Error.WriteLine($"hpcmaint audit: --node: {error}");
                return ExitCodes.BadInput;
            }

            nodeSet = new HashSet<string>(expanded, StringComparer.Ordinal);
        }

        if (journalPath is null)
        {
            var config = ConfigLoader.Load(configPath, env.GetVariable);
            if (!config.IsValid)
            {
                ConfigErrorsPrinter.Print(env.Error, config.Errors);
                return ExitCodes.BadInput;
            }

            journalPath = config.Config!.Audit.Journal;
        }

        var records = new AuditJournal(journalPath).Read(new AuditFilter(nodeSet, action, from, to), out var skipped);
        if (skipped > 0)
        {
            env.Error.WriteLine($"hpcmaint audit: skipped {skipped} line(s) of {journalPath} that are not whole records (a write cut short by a crash)");
        }

        if (json)
        {
            WriteJson(env.Out, records);
        }
        else
        {
            WriteTable(env.Out, records);
        }

        return ExitCodes.Ok;
    }

    private static bool TryParseTime(string? text, DateTimeOffset now, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (HpcMaint.Core.Config.DurationText.TryParse(text, out var ago))
        {
            time = now - ago;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static void WriteTable(TextWriter w, IReadOnlyList<AuditRecord> records)
    {
        var table = new TextTable("TIME", "ACTOR", "NODE", "ACTION", "OUTCOME", "DRY", "REASON");
        foreach (var r in records)
        {
            table.Add(
                r.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                r.Actor,
                r.Node ?? "-",
                r.Action,
                AuditJson.OutcomeText(r.Outcome),
                r.DryRun ? "yes" : "no",
                r.Reason ?? string.Empty);
        }

        table.WriteTo(w);
    }

    private static void WriteJson(TextWriter w, IReadOnlyList<AuditRecord> records)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartArray();
            foreach (var r in records)
            {
                AuditJson.Write(j, r);
            }

            j.WriteEndArray();
        }

        w.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
