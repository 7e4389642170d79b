using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>How the client picks its commands; the real commands are exercised on the testbed.</summary>
public sealed class SlurmClientSpecs
{
    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public async Task Every_node_is_read_with_one_sinfo_call_on_22_05_and_from_scontrol_after_it(string release)
    {
        var runner = new ScriptedRunner(new()
        {
            ["--json"] = Fixture.Read(release, "nodes-idle.sinfo.json"),
            ["show node --json"] = Fixture.Exists(release, "nodes-idle.scontrol-node.json") ? Fixture.Read(release, "nodes-idle.scontrol-node.json") : "",
        });

        var nodes = await new SlurmClient(new SlurmCommands(new SlurmSettings()), runner).GetNodesAsync();

        Assert.Equal(5, nodes.Value.Count);
        Assert.Equal(Fixture.Version(release).Major < 23 ? ["sinfo --json"] : new[] { "sinfo --json", "scontrol show node --json" }, runner.Ran);
    }

    [Fact]
    public async Task When_sinfo_groups_nodes_as_from_slurm_23_the_nodes_are_read_from_scontrol()
    {
        var runner = new ScriptedRunner(new()
        {
            ["--json"] = """{"sinfo":[{"nodes":{"nodes":["n1"]}}],"errors":[]}""",
            ["show node --json"] = """{"nodes":[{"name":"n1","state":["IDLE"]}],"errors":[]}""",
        });

        var nodes = await new SlurmClient(new SlurmCommands(new SlurmSettings()), runner).GetNodesAsync();

        Assert.Equal("n1", Assert.Single(nodes.Value).Name);
        Assert.Equal(new[] { "sinfo --json", "scontrol show node --json" }, runner.Ran);
    }

    [Fact]
    public async Task Once_sinfo_has_grouped_nodes_later_reads_go_straight_to_scontrol()
    {
        var runner = new ScriptedRunner(new()
        {
            ["--json"] = """{"sinfo":[{"nodes":{"nodes":["n1"]}}],"errors":[]}""",
            ["show node --json"] = """{"nodes":[{"name":"n1","state":["IDLE"]}],"errors":[]}""",
        });
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), runner);
        await client.GetNodesAsync();

        var again = await client.GetNodesAsync();

        Assert.Equal("n1", Assert.Single(again.Value).Name);
        Assert.Equal(new[] { "sinfo --json", "scontrol show node --json", "scontrol show node --json" }, runner.Ran);
    }

    [Fact]
    public async Task A_slurm_error_in_the_json_is_a_failure_not_an_empty_cluster()
    {
        var runner = new ScriptedRunner(new() { ["--json"] = """{"errors":[{"description":"Unable to contact slurm controller"}],"nodes":[]}""" });

        var nodes = await new SlurmClient(new SlurmCommands(new SlurmSettings()), runner).GetNodesAsync();

        Assert.False(nodes.IsSuccess);
        Assert.Contains("Unable to contact slurm controller", nodes.Error, StringComparison.Ordinal);
    }
}
