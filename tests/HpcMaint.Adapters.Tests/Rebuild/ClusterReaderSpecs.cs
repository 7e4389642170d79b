using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Rebuild;

public sealed class ClusterReaderSpecs
{
    /// <summary>A cluster of idle nodes n1..nN with a rebuild job queued for each; remembers every question asked.</summary>
    private sealed class CountingSlurm(int count, string preemptType = "preempt/partition_prio") : ISlurmReader, ISlurmTopology
    {
        private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);

        public List<string> Asked { get; } = [];

        public Task<SlurmResult<IReadOnlyList<Node>>> GetNodesAsync(CancellationToken ct = default) =>
            Answer<IReadOnlyList<Node>>("nodes", Enumerable.Range(1, count).Select(i => Node($"n{i}")).ToArray());

        public Task<SlurmResult<Node>> GetNodeAsync(string name, CancellationToken ct = default) => Answer("node " + name, Node(name));

        public Task<SlurmResult<IReadOnlyList<Partition>>> GetPartitionsAsync(CancellationToken ct = default) =>
            Answer<IReadOnlyList<Partition>>("partitions", []);

        public Task<SlurmResult<IReadOnlyList<Job>>> GetJobsAsync(CancellationToken ct = default) =>
            Answer<IReadOnlyList<Job>>("jobs", Enumerable.Range(1, count)
                .Select(i => new Job(i, RebuildJobs.Name($"n{i}"), "rebuild", JobStateText.Parse("PENDING"), null, [], $"n{i}", true, "hpcmaint image=new plan=rb-1", 1, "root", null, At, null))
                .ToArray());

        public Task<SlurmResult<IReadOnlyList<Reservation>>> GetReservationsAsync(CancellationToken ct = default) =>
            Answer<IReadOnlyList<Reservation>>("reservations", []);

        public Task<SlurmResult<Topology>> GetTopologyAsync(CancellationToken ct = default) =>
            Answer("topology", new Topology(Enumerable.Range(0, (count + 3) / 4)
                .Select(s => new TopologyDomain($"s{s + 1}", TopologyKind.Switch, Enumerable.Range((s * 4) + 1, 4).Select(i => $"n{i}").ToArray()))
                .ToArray()));

        public Task<SlurmResult<SlurmVersion>> GetVersionAsync(CancellationToken ct = default) => Answer("version", new SlurmVersion(22, 5, 9));

        public Task<SlurmResult<string>> GetSlurmUserAsync(CancellationToken ct = default) => Answer("config", "slurm");

        public Task<SlurmResult<string>> GetPreemptTypeAsync(CancellationToken ct = default) => Answer("config", preemptType);

        private static Node Node(string name) =>
            new(name, new NodeState(NodeBaseState.Idle, NodeFlags.None), null, null, null, At, At, ["batch", "rebuild"], ["image:old"], ["image:old"], null, null, null);

        private Task<SlurmResult<T>> Answer<T>(string question, T value)
        {
            lock (Asked)
            {
                Asked.Add(question);
            }

            return Task.FromResult(SlurmResult<T>.Success(value));
        }
    }

    private static async Task<List<string>> QuestionsOfOnePass(int nodes, bool perSwitch = false)
    {
        var slurm = new CountingSlurm(nodes);
        var read = await new ClusterReader(slurm, new FeatureImageSource(), TimeProvider.System, RecordField.Comment, slurm).ReadAsync(CancellationToken.None, withTopology: perSwitch);
        Assert.Null(read.Problem);
        var view = read.Value;
        var plan = new RebuildPlan("rb-1", "new", RebuildStrategy.Job, 25, view!.Now, PlanStatus.Running, view.Nodes.Select(n => new PlannedNode(n.Name, RebuildStep.Waiting, view.Now)).ToArray());

        var turn = RebuildStepper.Next(plan, view, new RebuildSettings());

        Assert.Equal(nodes, turn.Plan.Count(RebuildStep.Submitted));
        return [.. slurm.Asked.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_planning_pass_asks_Slurm_the_same_three_questions_for_256_nodes_as_for_4()
    {
        var few = await QuestionsOfOnePass(4);
        var many = await QuestionsOfOnePass(256);

        Assert.Equal(["jobs", "nodes", "reservations"], few);
        Assert.Equal(few, many);
    }

    [Fact]
    public async Task A_plan_with_a_per_switch_limit_adds_one_topology_read_whatever_the_node_count()
    {
        var few = await QuestionsOfOnePass(4, perSwitch: true);
        var many = await QuestionsOfOnePass(256, perSwitch: true);

        Assert.Equal(["jobs", "nodes", "reservations", "topology"], few);
        Assert.Equal(few, many);
    }

    [Theory]
    [InlineData("preempt/partition_prio", new[] { "config", "jobs", "nodes", "partitions", "reservations" }, new[] { "jobs", "nodes", "partitions", "reservations" })]
    [InlineData("preempt/none", new[] { "config", "jobs", "nodes", "partitions", "reservations" }, new[] { "jobs", "nodes", "reservations" })]
    public async Task The_reservation_strategy_reads_PreemptType_once_and_the_partitions_only_where_partition_prio_needs_them(string type, string[] first, string[] later)
    {
        var slurm = new CountingSlurm(4, type);
        var reader = new ClusterReader(slurm, new FeatureImageSource(), TimeProvider.System, RecordField.Comment, slurm);

        var asked = new List<string[]>();
        for (var pass = 0; pass < 3; pass++)
        {
            var read = await reader.ReadAsync(CancellationToken.None, withPreemption: true);
            Assert.Null(read.Problem);
            Assert.Equal(type, read.Value!.PreemptType);
            lock (slurm.Asked)
            {
                asked.Add([.. slurm.Asked.Order(StringComparer.Ordinal)]);
                slurm.Asked.Clear();
            }
        }

        Assert.Equal([first, later, later], asked);
    }
}
