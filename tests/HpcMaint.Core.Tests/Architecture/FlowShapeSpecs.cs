using System.Text.RegularExpressions;

namespace HpcMaint.Core.Tests.Architecture;

/// <summary>
/// The shape every flow keeps (src/architecture.md): the hooks only wire and print, nothing blocks on async
/// code, no executable reads Slurm state, and the architecture file lists each flow in at most 6 files, in
/// one direction, every one of them there. Checked on the sources.
/// </summary>
public sealed partial class FlowShapeSpecs
{
    private const int MaxHookLines = 80;
    private const int MaxFilesPerFlow = 6;

    private static readonly string Root = FindRoot();

    private const string SlurmParsers = "src/HpcMaint.Adapters/Slurm/Parsing/";

    private static readonly string[] Executables = ["HpcMaint.Reboot", "HpcMaint.Health", "HpcMaint.Cli"];

    /// <summary>What only the core may look at: a node's Slurm state (the decisions are made on it).</summary>
    private static readonly string[] SlurmStateWords = ["NodeBaseState.", "NodeFlags.", ".IsDrainSet", ".IsDown", ".State.Has("];

    [Theory]
    [InlineData("HpcMaint.Reboot")]
    [InlineData("HpcMaint.Health")]
    public void A_hook_executable_is_at_most_80_lines_of_code_besides_its_usage_text(string project)
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs")
            .Where(f => !Path.GetFileName(f).EndsWith("Usage.cs", StringComparison.Ordinal))
            .ToArray();

        var lines = files.Sum(f => File.ReadLines(f).Count(IsCode));

        Assert.NotEmpty(files);
        Assert.True(lines <= MaxHookLines, $"{project}: {lines} lines of code in {string.Join(", ", files.Select(Path.GetFileName))}; the loop belongs in src/HpcMaint.Adapters, the decisions in the core");
    }

    [Fact]
    public void Nothing_in_src_blocks_on_async_code()
    {
        var blocking = Sources("src").Where(f => File.ReadAllText(f).Contains(".GetAwaiter().GetResult()", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(Sources("src"));
        Assert.True(blocking.Length == 0, "blocks on async code: " + string.Join(", ", blocking.Select(Relative)));
    }

    [Fact]
    public void No_executable_reads_a_nodes_Slurm_state()
    {
        var found = SlurmStateReads(Executables.SelectMany(p => Sources(Path.Combine("src", p))));

        Assert.True(found.Length == 0, "a decision on Slurm state outside the core:\n" + string.Join('\n', found));
    }

    /// <summary>The loops act on the core's decisions; only the parsers that turn Slurm's words into a state may name one.</summary>
    [Fact]
    public void No_adapter_but_the_Slurm_parsers_reads_a_nodes_Slurm_state()
    {
        var adapters = Sources(Path.Combine("src", "HpcMaint.Adapters")).ToArray();
        var found = SlurmStateReads(adapters.Where(f => !Relative(f).StartsWith(SlurmParsers, StringComparison.Ordinal)));

        Assert.Contains(adapters, f => Relative(f).StartsWith(SlurmParsers, StringComparison.Ordinal));
        Assert.True(found.Length == 0, "a decision on Slurm state outside the core:\n" + string.Join('\n', found));
    }

    private static string[] SlurmStateReads(IEnumerable<string> files) =>
        files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => IsCode(l.line) && SlurmStateWords.Any(w => l.line.Contains(w, StringComparison.Ordinal)))
            .Select(l => $"{Relative(l.f)}:{l.i + 1}: {l.line.Trim()}")
            .ToArray();

    [Fact]
    public void Each_flow_is_listed_in_at_most_6_files_that_exist_from_its_executable_to_its_loop_onwards()
    {
        var flows = Flows(File.ReadAllText(Path.Combine(Root, "src", "architecture.md")));

        Assert.True(flows.Count >= 3, $"src/architecture.md lists {flows.Count} flows");
        foreach (var (flow, files) in flows)
        {
            Assert.InRange(files.Count, 2, MaxFilesPerFlow);
            Assert.All(files, f => Assert.True(File.Exists(Path.Combine(Root, f)), $"{flow}: {f} is not there"));
            Assert.True(Executables.Any(p => files[0].StartsWith($"src/{p}/", StringComparison.Ordinal)), $"{flow}: {files[0]} is not an executable");
            Assert.True(files[1].StartsWith("src/", StringComparison.Ordinal) && !files[1].StartsWith("src/HpcMaint.Core/", StringComparison.Ordinal), $"{flow}: the loop {files[1]} comes before the core");
            Assert.Equal(files.Count, files.Distinct(StringComparer.Ordinal).Count());
        }
    }

    /// <summary>Each "## flow" section's numbered list: the first `path` of each item.</summary>
    private static List<(string Flow, List<string> Files)> Flows(string text)
    {
        var flows = new List<(string, List<string>)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                flows.Add((line[3..].Trim(), []));
            }
            else if (flows.Count > 0 && ListItem().Match(line) is { Success: true } item)
            {
                flows[^1].Item2.Add(item.Groups["path"].Value);
            }
        }

        return flows;
    }

    [GeneratedRegex(@"^\d+\. `(?<path>src/[^`]+)`")]
    private static partial Regex ListItem();

    private static bool IsCode(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj"));

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HpcMaint.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no HpcMaint.sln above " + AppContext.BaseDirectory);
    }
}
