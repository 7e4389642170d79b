using System.CommandLine;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Adapters.Json;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Health;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint status [nodes]`: each node's Slurm state and who holds it out of service (an owner only
/// while a drain or down is set: a reason on a node in service is history, which 24.11 keeps).
/// </summary>
public static class StatusCommand
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var nodes = new Argument<string?>("nodes") { Description = "Hostlist of nodes to show (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var partitions = new Option<bool>("--partitions")
        {
            Description = "Show each partition's nodes unavailable (maintenance), down (Slurm), combined (either) and overlap (both) instead",
        };
        var metricsFile = new Option<string?>("--metrics-file")
        {
            Description = "With --partitions: also write them as Prometheus gauges to this textfile (for node_exporter, from a timer)",
        };
        var status = new Command("status", "Show nodes: Slurm state, reason and whether hpcmaint owns it") { nodes, partitions, metricsFile };
        status.SetAction((parse, ct) =>
        {
            var (config, json, verbose) = (parse.GetValue(options.Config), parse.GetValue(options.Json), parse.GetValue(options.Verbose));
            if (!parse.GetValue(partitions))
            {
                return parse.GetValue(metricsFile) is null
                    ? RunAsync(env, config, json, verbose, parse.GetValue(nodes), ct)
                    : Refuse(env, "--metrics-file goes with --partitions");
            }

            return parse.GetValue(nodes) is null
                ? PartitionStatus.RunAsync(env, config, json, verbose, parse.GetValue(metricsFile), ct)
                : Refuse(env, "give either nodes or --partitions");
        });
        return status;
    }

    private static Task<int> Refuse(CliEnvironment env, string why)
    {
        env.Error.WriteLine("hpcmaint status: " + why);
        return Task.FromResult(ExitCodes.BadInput);
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, bool json, bool verbose, string? nodes, CancellationToken ct)
    {
        HashSet<string>? wanted = null;
        if (nodes is not null)
        {
            if (!Hostlist.TryExpand(nodes, out var expanded, out var error))
            {
                env.Error.WriteLine($"hpcmaint status: {error}");
                return ExitCodes.BadInput;
            }

            wanted = new HashSet<string>(expanded, StringComparer.Ordinal);
        }

        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        using var logging = CliConfig.Logging(env, config, verbose);
        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new HpcMaint.Adapters.Processes.ProcessRunner(env.Time));
        var result = await slurm.GetNodesAsync(ct).ConfigureAwait(false);
        if (result.Command is { } ran)
        {
            logging.CreateLogger("hpcmaint status").LogDebug("`{Command}` exited {Exit} in {Ms:0} ms", ran.Command, ran.ExitCode, ran.RunTime.TotalMilliseconds);
        }

        if (!result.IsSuccess)
        {
            env.Error.WriteLine($"hpcmaint status: {result.Error}");
            return ExitCodes.Failed;
        }

        var shown = result.Value.Where(n => wanted is null || wanted.Contains(n.Name)).ToArray();
        var missing = wanted?.Except(shown.Select(n => n.Name)).Order(StringComparer.Ordinal).ToArray() ?? [];
        if (missing.Length > 0)
        {
            env.Error.WriteLine($"hpcmaint status: Slurm does not know {Hostlist.Compress(missing)}");
        }

        var field = config.Health.RecordField;
        if (json)
        {
            WriteJson(env.Out, shown, field);
        }
        else
        {
            WriteTable(env.Out, shown, field);
        }

        return missing.Length > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static string Owner(Node node, NodeRecord? record) => NodeOwnership.Of(node, record?.Ticket) switch
    {
        NodeOwner.Hpcmaint => "hpcmaint",
        NodeOwner.Other => "other",
        _ => "-",
    };

    private static NodeRecord? Record(Node node, RecordField field) =>
        NodeRecordField.TryRead(node, field, out var record, out _) ? record : null;

    private static string Ticket(NodeRecord? record) => record switch
    {
        null => "?",
        { Hold: { } hold } => $"held: {hold.Reason}",
        { Ticket: { } t } => $"{NodeRecordCodec.StepName(t.Step)}: {t.Condition} since {OperatorTime.Format(t.StepStarted)}",
        { BreakerOpened: { } b } => $"breaker open since {OperatorTime.Format(b)}",
        _ => "-",
    };

    private static string Checks(NodeRecord? record) => record?.Last switch
    {
        null => "-",
        { Failing.Count: 0 } last => $"pass ({OperatorTime.Format(last.At)})",
        var last => $"{string.Join(", ", last.Failing)} ({OperatorTime.Format(last.At)})",
    };

    private static void WriteTable(TextWriter w, IReadOnlyList<Node> nodes, RecordField field)
    {
        var table = new TextTable("NODE", "STATE", "BOOT", "OWNER", "TICKET", "CHECKS", "REASON");
        foreach (var n in nodes)
        {
            var record = Record(n, field);
            table.Add(n.Name, n.State.ToString(), OperatorTime.Format(n.BootTime), Owner(n, record), Ticket(record), Checks(record), n.Reason ?? string.Empty);
        }

        table.WriteTo(w);
    }

    private static void WriteJson(TextWriter w, IReadOnlyList<Node> nodes, RecordField field) => JsonText.WriteDocument(w, j =>
    {
        j.WriteStartArray();
        foreach (var n in nodes)
        {
            j.WriteStartObject();
            j.WriteString("name", n.Name);
            j.WriteString("state", n.State.ToString());
            j.WriteBoolean("drained", n.State.IsDrained);
            j.WriteBoolean("draining", n.State.IsDraining);
            var record = Record(n, field);
            j.WriteString("reason_owner", Owner(n, record));
            j.WriteStringOrNull("reason", n.Reason);
            j.WriteStringOrNull("boot_time", n.BootTime is { } boot ? OperatorTime.FormatJson(boot) : null);
            j.WriteStringOrNull("comment", n.Comment);
            j.WriteString("ticket_step", record?.Ticket is { } t ? NodeRecordCodec.StepName(t.Step) : null);
            j.WriteString("ticket_condition", record?.Ticket?.Condition);
            j.WriteString("ticket_opened", record?.Ticket is { } opened ? OperatorTime.FormatJson(opened.Opened) : null);
            j.WriteStartArray("ticket_history");
            foreach (var e in record?.Ticket?.History ?? [])
            {
                j.WriteStringValue($"{OperatorTime.FormatJson(e.At)} {e.What}");
            }

            j.WriteEndArray();
            j.WriteString("held", record?.Hold?.Reason);
            j.WriteBoolean("breaker_open", record?.BreakerOpened is not null);
            j.WriteString("last_checks_at", record?.Last is { } last ? OperatorTime.FormatJson(last.At) : null);
            j.WriteStartArray("last_failing");
            foreach (var f in record?.Last?.Failing ?? [])
            {
                j.WriteStringValue(f);
            }

            j.WriteEndArray();
            j.WriteStartArray("partitions");
            foreach (var p in n.Partitions)
            {
                j.WriteStringValue(p);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
    });
}
