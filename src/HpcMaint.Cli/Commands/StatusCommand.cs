using System.CommandLine;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Adapters.Json;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Cli.Commands;

/// <summary>`hpcmaint status [nodes]`: each node's Slurm state and who owns its reason.</summary>
public static class StatusCommand
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var nodes = new Argument<string?>("nodes") { Description = "Hostlist of nodes to show (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var status = new Command("status", "Show nodes: Slurm state, reason and whether hpcmaint owns it") { nodes };
        status.SetAction((parse, ct) => RunAsync(
            env, parse.GetValue(options.Config), parse.GetValue(options.Json), parse.GetValue(options.Verbose), parse.GetValue(nodes), ct));
        return status;
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

        if (json)
        {
            WriteJson(env.Out, shown);
        }
        else
        {
            WriteTable(env.Out, shown);
        }

        return missing.Length > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static string Owner(Node node) =>
        node.Reason is null ? "-" : node.ReasonIsOurs ? "hpcmaint" : "other";

    private static void WriteTable(TextWriter w, IReadOnlyList<Node> nodes)
    {
        var table = new TextTable("NODE", "STATE", "BOOT", "OWNER", "REASON");
        foreach (var n in nodes)
        {
            table.Add(n.Name, n.State.ToString(), OperatorTime.Format(n.BootTime), Owner(n), n.Reason ?? string.Empty);
        }

        table.WriteTo(w);
    }

    private static void WriteJson(TextWriter w, IReadOnlyList<Node> nodes) => JsonText.WriteDocument(w, j =>
    {
        j.WriteStartArray();
        foreach (var n in nodes)
        {
            j.WriteStartObject();
            j.WriteString("name", n.Name);
            j.WriteString("state", n.State.ToString());
            j.WriteBoolean("drained", n.State.IsDrained);
            j.WriteBoolean("draining", n.State.IsDraining);
            j.WriteString("reason_owner", Owner(n));
            j.WriteStringOrNull("reason", n.Reason);
            j.WriteStringOrNull("boot_time", n.BootTime is { } boot ? OperatorTime.FormatJson(boot) : null);
            j.WriteStringOrNull("comment", n.Comment);
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
