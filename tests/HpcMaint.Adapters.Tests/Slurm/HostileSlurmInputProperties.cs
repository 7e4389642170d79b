using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>
/// Over generated hostile node names, reasons, comments, users and image names in what Slurm prints
/// (squeue and sinfo JSON, slurmctld's node list): what reaches a command is one argv element per
/// template element with only a node name or image name in it, and a per-node file stays in its directory.
/// </summary>
public sealed class HostileSlurmInputProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly string[] RebootTemplate = ["/usr/bin/ipmitool", "-H", "{node}-bmc", "chassis", "power", "cycle"];
    private static readonly string[] RebuildTemplate = ["/opt/site/reimage", "--node={node}", "{image}"];
    private const string StateTemplate = "/var/lib/hpcmaint/health-state-{node}.json";

    private static readonly HpcMaintConfig Config = HpcMaintConfig.Defaults("t.toml") with
    {
        Reboot = new RebootSettings { Command = RebootTemplate },
        Rebuild = new Core.Rebuild.RebuildSettings { Command = RebuildTemplate },
    };

    // Pieces that have broken tools before: separators, traversal, shell and hostlist syntax, options, controls.
    private static readonly string[] Pieces =
    [
        "n1", "gpu001", "/", "..", "../../etc/passwd", " ", ";", "$(id)", "`id`", "|", "&", ">", "\n", "\t", "\0", "\u001b[2J",
        "\u202e", ",", "n[1-3]", "[", "]", "=", "-", "--force", "'", "\"", "\\", "*", "?", "~", "{node}", "{image}", "é", "image=", "plan=",
    ];

    private static readonly Gen<string> Text = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(Pieces), n)).Select(string.Concat);

    private sealed record Input(string NodeList, string JobNodes, string JobUser, string Image, string Comment, string Reason, string NodeName);

    private static readonly Gen<Input> Inputs =
        from list in Gen.OneOf(Text, Gen.Constant("n1"), Gen.Constant("n[1-2]"))
        from jobNodes in Gen.OneOf(Text, Gen.Constant("n1"))
        from user in Gen.OneOf(Text, Gen.Elements("root", "slurm", "alice"))
        from image in Gen.OneOf(Text, Gen.Constant("rocky9-2026.11"))
        from comment in Text
        from reason in Text
        from name in Gen.OneOf(Text, Gen.Constant("n1"))
        select new Input(list, jobNodes, user, image, comment, reason, name);

    [Fact]
    public void Whatever_Slurm_prints_a_command_gets_one_argv_element_per_template_element_with_only_valid_names_in_it()
    {
        var property = Prop.ForAll(Inputs.ToArbitrary(), input =>
        {
            if (SlurmNames.NodeListProblem(input.NodeList, out var nodes) is not null)
            {
                return true; // hpcmaint-reboot stops with exit 2: nothing is run
            }

            var jobs = Read(() => SqueueJsonParser.ParseJobs(Squeue(input)));
            var slurmNodes = Read(() => SinfoJsonParser.ParseNodes(Sinfo(input)));
            var facts = nodes.Select(n => RebootFactsReader.Read(
                n, jobs, jobs is null ? "unreadable" : null, slurmNodes?.FirstOrDefault(s => s.Name == n), null, RecordField.Comment, "rebuild", "slurm")).ToArray();

            return RebootPlanner.Plan(facts, Config).All(action => action.Command.Count == 0 || Fills(action, action.Method == RebootMethod.RebuildCommand ? RebuildTemplate : RebootTemplate));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_node_name_that_reaches_a_file_name_keeps_the_file_in_its_directory()
    {
        var property = Prop.ForAll(Inputs.ToArbitrary(), input =>
        {
            var names = new List<string>();
            if (SlurmNames.NodeListProblem(input.NodeList, out var listed) is null)
            {
                names.AddRange(listed);
            }

            names.AddRange(Read(() => SinfoJsonParser.ParseNodes(Sinfo(input)))?.Select(n => n.Name) ?? []);
            names.AddRange(Read(() => SqueueJsonParser.ParseJobs(Squeue(input)))?.SelectMany(j => j.Nodes) ?? []);
            return names.All(n => Safe(n) && Path.GetDirectoryName(HealthSettings.ForNode(StateTemplate, n)) == "/var/lib/hpcmaint"
                && Path.GetFileName(HealthSettings.ForNode(StateTemplate, n)) == $"health-state-{n}.json");
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_hostile_name_asked_for_a_file_name_is_refused_rather_than_used()
    {
        var property = Prop.ForAll(Text.ToArbitrary(), name =>
        {
            try
            {
                var path = HealthSettings.ForNode(StateTemplate, name);
                return SlurmNames.IsNodeName(name) && Path.GetDirectoryName(path) == "/var/lib/hpcmaint";
            }
            catch (ArgumentException)
            {
                return !SlurmNames.IsNodeName(name);
            }
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_reason_made_of_hostile_tool_output_is_one_printable_reason_argument_of_the_drain()
    {
        var property = Prop.ForAll(Text.ToArbitrary(), Text.ToArbitrary(), (actual, condition) =>
        {
            var reason = Core.Remediation.DrainReasons.For(new Finding(condition, actual, "expected"), 0, Core.Health.LadderStep.Reboot);
            var drain = new SlurmCommands(new SlurmSettings()).Drain(["n1"], reason);
            return drain.Arguments.Count == 4 && drain.Arguments[1] == "nodename=n1" && drain.Arguments[3] == "reason=" + reason
                && Core.PrintableText.IsPrintable(reason, keepLines: false);
        });

        Check.One(Runs, property);
    }

    // The oracle, written apart from SlurmNames: no separator, traversal, space, shell, hostlist or control
    // character, and nothing that reads as an option.
    private static readonly System.Text.RegularExpressions.Regex SafeName = new("^[A-Za-z0-9][A-Za-z0-9._:-]*$");

    private static bool Safe(string name) => SafeName.IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>Every element is its template element with {node} and {image} replaced by a safe node name and image name (or nothing).</summary>
    private static bool Fills(RebootAction action, string[] template) =>
        action.Command.Count == template.Length
        && Safe(action.Node) && !action.Node.Contains(':', StringComparison.Ordinal)
        && (action.Image is null || Safe(action.Image))
        && action.Command.Select((element, i) => element == template[i]
            .Replace("{node}", action.Node, StringComparison.Ordinal)
            .Replace("{image}", action.Image ?? string.Empty, StringComparison.Ordinal)).All(same => same);

    private static IReadOnlyList<T>? Read<T>(Func<IReadOnlyList<T>> parse)
    {
        try
        {
            return parse();
        }
        catch (SlurmParseException)
        {
            return null;
        }
    }

    private static string Squeue(Input input) => Json(w =>
    {
        w.WriteStartArray("jobs");
        w.WriteStartObject();
        w.WriteNumber("job_id", 42);
        w.WriteString("name", "hpcmaint-rebuild-" + input.NodeName);
        w.WriteString("partition", "rebuild");
        w.WriteString("job_state", "CONFIGURING");
        w.WriteString("nodes", input.JobNodes);
        w.WriteString("comment", $"hpcmaint image={input.Image} {input.Comment}");
        w.WriteString("user_name", input.JobUser);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static string Sinfo(Input input) => Json(w =>
    {
        w.WriteStartArray("nodes");
        w.WriteStartObject();
        w.WriteString("name", input.NodeName);
        w.WriteString("state", "idle");
        w.WriteString("reason", input.Reason);
        w.WriteString("comment", input.Comment);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
