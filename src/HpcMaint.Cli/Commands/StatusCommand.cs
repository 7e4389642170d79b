using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HpcMaint.Adapters.Config;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Cli.Commands;

/// <summary>`hpcmaint status [nodes]`: each node's Slurm state and who owns its reason.</summary>
public static class StatusCommand
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var nodes = new Argument<string?>("nodes") { Description = "Hostlist of nodes to show (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var status = new Command("status", "Show nodes: Slurm state, reason and whether hpcmaint owns it") { nodes };
        status.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), parse.GetValue(options.Json), parse.GetValue(nodes), ct));
        return status;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, bool json, string? nodes, CancellationToken ct)
    {
        var config = ConfigLoader.Load(configPath, env.GetVariable);
        if (!config.IsValid)
        {
            ConfigErrorsPrinter.Print(env.Error, config.Errors);
            return ExitCodes.BadInput;
        }

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

        var slurm = SlurmClientFactory.Create(config.Config!.Slurm, new HpcMaint.Adapters.Processes.ProcessRunner(env.Time));
        var result = await slurm.GetNodesAsync(ct).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            env.Error.WriteLine($"hpcmaint status: {result.Error}");
            return ExitCodes.Failed;
        }

        var shown = result.Value.Where(n => wanted is null || wanted.Contains(n.Name)).ToArray();
        if (wanted is not null && shown.Length < wanted.Count)
        {
            var missing = wanted.Except(shown.Select(n => n.Name)).Order(StringComparer.Ordinal).ToArray();
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

        return wanted is not null && shown.Length < wanted.Count ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static string Owner(Node node) =>
        node.Reason is null ? "-" : node.ReasonIsOurs ? "hpcmaint" : "other";

    private static void WriteTable(TextWriter w, IReadOnlyList<Node> nodes)
    {
        var table = new TextTable("NODE", "STATE", "BOOT", "OWNER", "REASON");
        foreach (var n in nodes)
        {
            table.Add(n.Name, n.State.ToString(), n.BootTime?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-", Owner(n), n.Reason ?? string.Empty);
        }

        table.WriteTo(w);
    }

    private static void WriteJson(TextWriter w, IReadOnlyList<Node> nodes)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
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
                if (n.Reason is null) { j.WriteNull("reason"); } else { j.WriteString("reason", n.Reason); }
                if (n.BootTime is null) { j.WriteNull("boot_time"); } else { j.WriteString("boot_time", n.BootTime.Value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); }
                if (n.Comment is null) { j.WriteNull("comment"); } else { j.WriteString("comment", n.Comment); }
                j.WriteStartArray("partitions");
                foreach (var p in n.Partitions)
                {
                    j.WriteStringValue(p);
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndArray();
        }

        w.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
