using System.Diagnostics;
using System.Globalization;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

// One planning pass (RebuildStepper.Next: budgets, switch budgets, admission order, every node's step)
// over a synthetic snapshot the size issue 14 names: 10,000 nodes in 50 partitions and 500 leaf
// switches, half of them running a user job, one node in 40 already in flight.
// Prints "nodes partitions switches median_ms max_ms" for run-bench.sh.
// `commands FIXTURES`: the Slurm commands one pass issues at 4, 64 and 256 nodes (RecordingSlurm).
if (args.Length == 2 && args[0] == "commands")
{
    Console.WriteLine(await HpcMaint.PlanningBench.SlurmCommandsPerPass.RunAsync(args[1], [4, 64, 256]));
    return;
}

var nodes = ArgInt(0, 10_000);
var partitions = ArgInt(1, 50);
var switches = ArgInt(2, 500);
var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

string Name(int i) => "gpu" + i.ToString("D5", CultureInfo.InvariantCulture);
var perPartition = nodes / partitions;
var perSwitch = nodes / switches;
var idle = new NodeState(NodeBaseState.Idle, NodeFlags.None);
var allocated = new NodeState(NodeBaseState.Allocated, NodeFlags.None);
var cluster = Enumerable.Range(0, nodes).Select(i => new Node(
    Name(i), i % 2 == 0 ? allocated : idle, null, null, null, now.AddDays(-3), null,
    ["p" + (i / perPartition).ToString(CultureInfo.InvariantCulture), "rebuild"],
    ["image:old"], ["image:old"], null, null, null)).ToArray();
var jobs = Enumerable.Range(0, nodes).Where(i => i % 2 == 0).Select(i => new Job(
    100_000 + i, "user-" + i, "p" + (i / perPartition).ToString(CultureInfo.InvariantCulture), JobStateText.Parse("RUNNING"), null,
    [Name(i)], null, false, null, 1, "alice", null, now.AddHours(-1), now.AddHours(-1)) { EndTime = now.AddMinutes(5 + (i % 97)) }).ToArray();
var topology = new Topology(Enumerable.Range(0, switches)
    .Select(s => new TopologyDomain("s" + s.ToString(CultureInfo.InvariantCulture), TopologyKind.Switch, Enumerable.Range(s * perSwitch, perSwitch).Select(Name).ToArray()))
    .ToArray());
var view = new ClusterView(cluster, jobs, [], cluster.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), now) { Topology = topology };
var plan = new RebuildPlan("rb-bench", "new", RebuildStrategy.Job, 25, now, PlanStatus.Running,
    cluster.Select((n, i) => new PlannedNode(n.Name, i % 40 == 1 ? RebuildStep.Rebooting : RebuildStep.Waiting, now.AddMinutes(-1)) { RebootAsked = now.AddMinutes(-1) }).ToArray())
{
    MaxDownPerSwitch = new DownLimit(1, IsPercent: false),
};
var settings = new RebuildSettings();

var times = new List<double>();
var admitted = 0;
for (var run = 0; run < 6; run++)
{
    var start = Stopwatch.GetTimestamp();
    var turn = RebuildStepper.Next(plan, view, settings);
    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    admitted = turn.Actions.Count;
    if (run > 0)
    {
        times.Add(ms); // the first run pays the JIT
    }
}

times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nodes} {partitions} {switches} {times[times.Count / 2]:F1} {times[^1]:F1} {admitted}"));

int ArgInt(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
