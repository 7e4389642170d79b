using System.CommandLine;
using System.Globalization;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Json;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core.Hostlists;
using Microsoft.Extensions.Logging;

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
            parse.GetValue(options.Verbose),
            parse.GetValue(journal),
            parse.GetValue(node),
            parse.GetValue(action),
            parse.GetValue(since),
            parse.GetValue(until)));
        return audit;
    }

    private static int Run(CliEnvironment env, string? configPath, bool json, bool verbose, string? journalPath, string? nodes, string? action, string? since, string? until)
    {
        var now = env.Time.GetUtcNow();
        foreach (var (option, text) in new[] { ("--since", since), ("--until", until) })
        {
            if (text is not null && ParseTime(text, now) is null)
            {
                env.Error.WriteLine($"hpcmaint audit: {option}: cannot read the time '{text}'; write 2026-11-21T09:30:00Z or a duration ago such as 2h");
                return ExitCodes.BadInput;
            }
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

        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        journalPath ??= config.Audit.Journal;
        var filter = new AuditFilter(nodeSet, action, since is null ? null : ParseTime(since, now), until is null ? null : ParseTime(until, now));
        var records = new AuditJournal(journalPath).Read(filter, out var skipped);
        using (var logging = CliConfig.Logging(env, config, verbose))
        {
            logging.CreateLogger("hpcmaint audit").LogDebug("{Journal}: {Count} matching record(s)", journalPath, records.Count);
        }

        if (skipped > 0)
        {
            env.Error.WriteLine($"hpcmaint audit: skipped {skipped} line(s) of {journalPath} that are not whole records (a write cut short by a crash)");
        }

        if (json)
        {
            JsonText.WriteDocument(env.Out, j =>
            {
                j.WriteStartArray();
                foreach (var r in records)
                {
                    AuditJson.Write(j, r);
                }

                j.WriteEndArray();
            });
        }
        else
        {
            WriteTable(env.Out, records);
        }

        return ExitCodes.Ok;
    }

    private static DateTimeOffset? ParseTime(string text, DateTimeOffset now) =>
        DurationText.TryParse(text, out var ago) ? now - ago
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
        : null;

    private static void WriteTable(TextWriter w, IReadOnlyList<AuditRecord> records)
    {
        var table = new TextTable("TIME", "ACTOR", "NODE", "ACTION", "OUTCOME", "DRY", "REASON");
        foreach (var r in records)
        {
            table.Add(
                OperatorTime.Format(r.Timestamp),
                r.Actor,
                r.Node ?? "-",
                r.Action,
                AuditJson.OutcomeText(r.Outcome),
                r.DryRun ? "yes" : "no",
                r.Reason ?? string.Empty);
        }

        table.WriteTo(w);
    }
}
