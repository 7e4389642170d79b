using System.Globalization;
using System.Text.Json.Nodes;
using HpcMaint.Adapters.Processes;

namespace HpcMaint.PlanningBench;

/// <summary>
/// Answers hpcmaint's Slurm commands as a cluster of <c>nodes</c> nodes would, from the 22.05 fixtures
/// (one captured node and one captured running job, copied under new names), and records every command
/// run, so a pass's Slurm commands can be counted at any size without a testbed.
/// </summary>
internal sealed class RecordingSlurm : ICommandRunner
{
    private readonly string sinfo;
    private readonly string squeue;
    private readonly string reservations;

    public RecordingSlurm(string fixtures, int nodes)
    {
        var sinfoDoc = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "nodes-idle.sinfo.json")))!;
        var node = sinfoDoc["nodes"]!.AsArray()[0]!;
        var nodeList = new JsonArray();
        var jobsDoc = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "jobs-mixed.squeue.json")))!;
        var job = jobsDoc["jobs"]!.AsArray().First(j => j!["job_state"]!.GetValue<string>() == "RUNNING")!;
        var jobList = new JsonArray();
        for (var i = 1; i <= nodes; i++)
        {
            var name = "n" + i.ToString(CultureInfo.InvariantCulture);
            var copy = node.DeepClone();
            copy["name"] = name;
            nodeList.Add(copy);
            if (i % 2 == 0)
            {
                var running = job.DeepClone();
                running["job_id"] = 1000 + i;
                running["nodes"] = name;
                jobList.Add(running);
            }
        }

        sinfoDoc["nodes"] = nodeList;
        jobsDoc["jobs"] = jobList;
        sinfo = sinfoDoc.ToJsonString();
        squeue = jobsDoc.ToJsonString();
        reservations = File.ReadAllText(Path.Combine(fixtures, "reservations-none.scontrol.txt"));
    }

    public List<string> Commands { get; } = [];

    public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
    {
        var tool = Path.GetFileName(command.Program);
        lock (Commands)
        {
            Commands.Add(tool + " " + string.Join(' ', command.Arguments));
        }

        var output = tool switch
        {
            "sinfo" => sinfo,
            "squeue" => squeue,
            "scontrol" when command.Arguments.Contains("reservation") => reservations,
            "scontrol" when command.Arguments.Contains("topology") => string.Empty,
            _ => throw new InvalidOperationException("the bench does not expect " + tool + " " + string.Join(' ', command.Arguments)),
        };
        var now = DateTimeOffset.UnixEpoch;
        return Task.FromResult(new CommandResult(command, CommandOutcome.Exited, 0, output, string.Empty, now, now));
    }
}
