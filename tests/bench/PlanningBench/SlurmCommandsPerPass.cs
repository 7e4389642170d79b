using System.Globalization;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.PlanningBench;

/// <summary>
/// The Slurm commands one planning pass issues (the ClusterReader's reads, then the pure decisions) at
/// each size, counted by <see cref="RecordingSlurm"/>: without and with --max-down-per-switch's topology read.
/// </summary>
internal static class SlurmCommandsPerPass
{
    /// <summary>"4:3/4 64:3/4 256:3/4" (size: commands, then with the topology read).</summary>
    public static async Task<string> RunAsync(string fixtures, IReadOnlyList<int> sizes)
    {
        var parts = new List<string>();
        foreach (var size in sizes)
        {
            var plain = await CountAsync(fixtures, size, withTopology: false);
            var topology = await CountAsync(fixtures, size, withTopology: true);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{size}:{plain}/{topology}"));
        }

        return string.Join(' ', parts);
    }

    private static async Task<int> CountAsync(string fixtures, int size, bool withTopology)
    {
        var runner = new RecordingSlurm(fixtures, size);
        var slurm = new SlurmClient(new SlurmCommands(new SlurmSettings()), runner);
        var reader = new ClusterReader(slurm, new FeatureImageSource(), TimeProvider.System, RecordField.Comment, slurm);
        var read = await reader.ReadAsync(CancellationToken.None, withTopology);
        if (!read.IsSuccess || read.Value.Nodes.Count != size)
        {
            throw new InvalidOperationException($"the synthetic {size}-node cluster did not read back: {read.Problem?.Words ?? read.Value.Nodes.Count + " nodes"}");
        }

        var view = read.Value;
        var plan = new RebuildPlan("rb-bench", string.Empty, RebuildStrategy.Reservation, 25, view.Now, PlanStatus.Running,
            view.Nodes.Select(n => new PlannedNode(n.Name, RebuildStep.Waiting, view.Now)).ToArray()) { Kind = PlanKind.Reboot };
        RebuildStepper.Next(plan, view, new RebuildSettings());
        return runner.Commands.Count;
    }
}
