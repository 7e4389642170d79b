using HpcMaint.Adapters.Json;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint status --partitions [--metrics-file PATH]`: the seed operator's partition statistics
/// (<see cref="PartitionStatistics"/>) from two Slurm reads, nodes and reservations, whatever the node count.
/// </summary>
internal static class PartitionStatus
{
    public static async Task<int> RunAsync(CliEnvironment env, string? configPath, bool json, bool verbose, string? metricsFile, CancellationToken ct)
    {
        if (!CliConfig.TryLoad(env, configPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        using var logging = CliConfig.Logging(env, config, verbose);
        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new ProcessRunner(env.Time));
        var nodes = await slurm.GetNodesAsync(ct).ConfigureAwait(false);
        var reservations = nodes.IsSuccess ? await slurm.GetReservationsAsync(ct).ConfigureAwait(false) : null;
        if (!nodes.IsSuccess || !reservations!.IsSuccess)
        {
            env.Error.WriteLine($"hpcmaint status: {nodes.Error ?? reservations!.Error}");
            return ExitCodes.Failed;
        }

        var now = env.Time.GetUtcNow();
        var stats = PartitionStatistics.Of(nodes.Value, reservations.Value, now, config.Rebuild.ReservationLead, config.Rebuild.Partition);
        if (json)
        {
            WriteJson(env.Out, stats);
        }
        else
        {
            WriteTable(env.Out, stats);
        }

        if (metricsFile is not null && PartitionMetrics.Write(metricsFile, stats, now) is { } problem)
        {
            env.Error.WriteLine("hpcmaint status: " + problem);
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private static void WriteTable(TextWriter w, IReadOnlyList<PartitionStats> stats)
    {
        var table = new TextTable("PARTITION", "NODES", "UNAVAILABLE", "DOWN", "COMBINED", "OVERLAP", "OUT");
        foreach (var s in stats)
        {
            table.Add(
                s.Partition,
                s.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Share(s.Unavailable.Count),
                s.Share(s.Down.Count),
                s.Share(s.Combined.Count),
                s.Overlap.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Combined.Count == 0 ? "-" : Hostlist.Compress(s.Combined));
        }

        table.WriteTo(w);
    }

    private static void WriteJson(TextWriter w, IReadOnlyList<PartitionStats> stats) => JsonText.WriteDocument(w, j =>
    {
        j.WriteStartArray();
        foreach (var s in stats)
        {
            j.WriteStartObject();
            j.WriteString("partition", s.Partition);
            j.WriteNumber("total", s.Total);
            foreach (var (name, list) in new[] { ("unavailable", s.Unavailable), ("down", s.Down), ("combined", s.Combined), ("overlap", s.Overlap) })
            {
                j.WriteStartArray(name);
                foreach (var node in list)
                {
                    j.WriteStringValue(node);
                }

                j.WriteEndArray();
            }

            j.WriteEndObject();
        }

        j.WriteEndArray();
    });
}
