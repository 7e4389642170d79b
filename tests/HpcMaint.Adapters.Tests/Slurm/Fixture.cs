using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>
/// Real Slurm output captured from the testbed by tests/testbed/capture-fixtures.sh, one directory per
/// release (Fixtures/slurm-22.05, -24.11, -26.05; each README.md says how). Every release ran the same
/// scenario, so a spec reads the same file names from each.
/// </summary>
internal static class Fixture
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The releases with captured output, oldest first.</summary>
    public static IReadOnlyList<string> Releases { get; } = Directory.GetDirectories(Root, "slurm-*")
        .Select(d => Path.GetFileName(d)["slurm-".Length..])
        .OrderBy(r => Version(r))
        .ToArray();

    /// <summary>Every release, for [MemberData]: a spec over fixtures runs once per release.</summary>
    public static TheoryData<string> EveryRelease => new(Releases);

    public static string Read(string release, string name) => File.ReadAllText(PathOf(release, name));

    public static bool Exists(string release, string name) => File.Exists(PathOf(release, name));

    /// <summary>What `scontrol version` printed, e.g. 24.11.5.</summary>
    public static SlurmVersion Version(string release) =>
        SlurmVersion.TryParse(File.ReadAllText(PathOf(release, "version.txt")), out var version)
            ? version
            : throw new InvalidDataException($"no version in Fixtures/slurm-{release}/version.txt");

    /// <summary>The nodes of snapshot <paramref name="snapshot"/> as hpcmaint reads them on that release (sinfo --json, or scontrol show node --json from 23.02).</summary>
    public static IReadOnlyList<Node> Nodes(string release, string snapshot)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new SnapshotRunner(release, snapshot));
        var nodes = client.GetNodesAsync().GetAwaiter().GetResult();
        return nodes.IsSuccess ? nodes.Value : throw new InvalidDataException($"slurm-{release}/{snapshot}: {nodes.Error}");
    }

    public static Node Node(string release, string snapshot, string name) =>
        Assert.Single(Nodes(release, snapshot), n => n.Name == name);

    private static string PathOf(string release, string name) => Path.Combine(Root, "slurm-" + release, name);

    /// <summary>Answers the node reads from one snapshot's files, as the testbed printed them.</summary>
    private sealed class SnapshotRunner(string release, string snapshot) : ICommandRunner
    {
        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            var file = (Path.GetFileName(command.Program), string.Join(' ', command.Arguments)) switch
            {
                ("sinfo", "--json") => snapshot + ".sinfo.json",
                ("scontrol", "show node --json") => snapshot + ".scontrol-node.json",
                var other => throw new InvalidOperationException($"no fixture for {other}"),
            };
            var now = DateTimeOffset.UnixEpoch;
            return Task.FromResult(new CommandResult(command, CommandOutcome.Exited, 0, Read(release, file), string.Empty, now, now));
        }
    }
}
