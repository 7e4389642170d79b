using HpcMaint.Adapters.Hosting;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Hosting;

/// <summary>Which node a hook runs for, from what each Slurm release gives it (NodeIdentity).</summary>
public sealed class NodeIdentitySpecs
{
    [Theory]
    [InlineData("n1", "n2", "n3", "host4.example.org", "n1")] // a health check: slurmd's SLURMD_NODENAME
    [InlineData(null, "n2", "n3", "host4.example.org", "n2")] // 26.05's RebootProgram: SLURM_NODE_NAME only
    [InlineData(null, null, "n3", "host4.example.org", "n3")] // [node] name
    [InlineData(null, null, null, "host4.example.org", "host4")] // 22.05's and 24.11's RebootProgram: the short host name
    [InlineData("", "", null, "n5", "n5")]
    public void The_node_is_the_first_of_slurmds_variable_the_reboot_programs_variable_the_config_and_the_host_name(
        string? slurmdNodename, string? slurmNodeName, string? configured, string host, string expected)
    {
        var environment = new Dictionary<string, string?> { ["SLURMD_NODENAME"] = slurmdNodename, ["SLURM_NODE_NAME"] = slurmNodeName };

        var node = NodeIdentity.Resolve(new NodeSettings(configured), v => environment.GetValueOrDefault(v), () => host);

        Assert.Equal(expected, node);
    }

    [Fact]
    public void A_variable_that_is_not_a_node_name_is_refused_naming_it()
    {
        var e = Assert.Throws<NotANodeNameException>(() => NodeIdentity.Resolve(new NodeSettings(), v => v == "SLURM_NODE_NAME" ? "n1;rm -rf /" : null, () => "n2"));

        Assert.StartsWith("SLURM_NODE_NAME: ", e.Message, StringComparison.Ordinal);
    }
}
