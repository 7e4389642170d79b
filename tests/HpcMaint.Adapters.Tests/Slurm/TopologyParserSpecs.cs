using HpcMaint.Adapters.Slurm;
using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Slurm;

public sealed class TopologyParserSpecs
{
    [Fact]
    public async Task The_leaf_switches_of_22_05_s_scontrol_show_topology_hold_the_nodes_and_the_top_switch_is_no_leaf()
    {
        // 22.05 gives the upper switch Nodes= too (n[1-8]); only the switches without Switches= are leaves.
        var runner = new ScriptedRunner(new() { ["show topology"] = Fixture.Read("22.05", "topology-tree.scontrol.txt") });

        var topology = await new SlurmClient(new SlurmCommands(new SlurmSettings()), runner).GetTopologyAsync();

        Assert.Equal(
            [new("s1", TopologyKind.Switch, ["n1", "n2", "n3", "n4"]), new("s2", TopologyKind.Switch, ["n5", "n6", "n7", "n8"])],
            topology.Value.Leaves.Select(l => l with { Nodes = l.Nodes.ToArray() }).ToArray(),
            new LeafComparer());
        Assert.Equal("s2", topology.Value.DomainOf("n7")!.Name);
        Assert.Equal(["scontrol show topology"], runner.Ran);
    }

    [Fact]
    public void No_topology_plugin_is_an_empty_topology()
    {
        // 22.05 without TopologyPlugin: exit 0, nothing on stdout, "No topology information available" on stderr.
        Assert.Equal("0", Fixture.Read("22.05", "topology-none.exit").Trim());

        Assert.True(TopologyParser.Parse("scontrol show topology", Fixture.Read("22.05", "topology-none.stdout")).IsEmpty);
    }

    [Fact]
    public void A_topology_conf_with_comments_blocks_and_block_sizes_reads_as_its_blocks()
    {
        var topology = TopologyParser.Parse("topology.conf", "# racks\nBlockName=b1 Nodes=gpu[01-04]\nblockname=b2 nodes=gpu[05-08]   # second rack\n\nBlockSizes=4,8\n");

        Assert.Equal(["b1", "b2"], topology.Leaves.Select(l => l.Name));
        Assert.All(topology.Leaves, l => Assert.Equal(TopologyKind.Block, l.Kind));
        Assert.Equal("b2", topology.DomainOf("gpu06")!.Name);
    }

    [Theory]
    [InlineData("SwitchName=s1 Nodes=n[1-4]\nSwitchName=s2 Nodes=n[4-8]", "line 2: n4 is in s2 and in s1 (line 1): a node belongs to one leaf switch or block")]
    [InlineData("SwitchName=s1 Nodes=n[1-99999999]\n", "line 1: Nodes=n[1-99999999] of s1: ")]
    [InlineData("SwitchName=s1 Nodes=n1\nSwitchName=s1 Nodes=n2", "line 2: switch s1 is named twice: give each switch or block one line")]
    [InlineData("\n\nNodeName=n1", "line 3: expected SwitchName=… (topology/tree) or BlockName=… (topology/block)")]
    [InlineData("SwitchName=s1 Nodes", "line 1: 'Nodes' is not Key=Value")]
    [InlineData("SwitchName= Nodes=n1", "line 1: SwitchName= without a name")]
    [InlineData("SwitchName=s1 Nodes=n1 Nodes=n2", "line 1: Nodes= given twice")]
    public void A_line_hpcmaint_cannot_read_is_named_with_its_number(string text, string problem)
    {
        var e = Assert.Throws<SlurmParseException>(() => TopologyParser.Parse("/etc/slurm/topology.conf", text));

        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith("cannot read the output of /etc/slurm/topology.conf: line ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_that_cannot_be_read_is_a_failure_of_the_command_not_a_crash()
    {
        var runner = new ScriptedRunner(new() { ["show topology"] = "SwitchName=s1 Nodes=n[1-4]\nSwitchName=s2 Nodes=n[3-4]\n" });

        var topology = await new SlurmClient(new SlurmCommands(new SlurmSettings()), runner).GetTopologyAsync();

        Assert.Equal("cannot read the output of scontrol show topology: line 2: n3 is in s2 and in s1 (line 1): a node belongs to one leaf switch or block", topology.Error);
    }

    private sealed class LeafComparer : IEqualityComparer<TopologyDomain>
    {
        public bool Equals(TopologyDomain? x, TopologyDomain? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Kind == y.Kind && x.Nodes.SequenceEqual(y.Nodes);

        public int GetHashCode(TopologyDomain obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
