using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class PartitionSelectionSpecs
{
    private static readonly ClusterView Cluster = View(
    [
        Node("n1", partitions: ["batch", "rebuild"]),
        Node("n2", partitions: ["batch", "gpu", "rebuild"]),
        Node("g1", partitions: ["gpu", "rebuild"]),
        Node("x1", partitions: ["extra", "rebuild"]),
    ]);

    [Theory]
    [InlineData("batch", new[] { "batch" })]
    [InlineData("batch,gpu", new[] { "batch", "gpu" })]
    [InlineData(" batch , gpu,", new[] { "batch", "gpu" })]
    [InlineData("gpu,batch,gpu", new[] { "gpu", "batch" })]
    [InlineData(",", new string[0])]
    public void A_comma_separated_list_names_each_partition_once(string text, string[] partitions) =>
        Assert.Equal(partitions, PartitionSelection.Parse(text));

    [Fact]
    public void Every_node_of_each_partition_is_selected_once_in_Slurms_order()
    {
        var nodes = PartitionSelection.Nodes(Cluster, ["gpu", "batch"], out var problems);

        Assert.Equal(["n1", "n2", "g1"], nodes);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_partition_with_no_node_is_a_problem_named_by_itself()
    {
        var nodes = PartitionSelection.Nodes(Cluster, ["extra", "gpus"], out var problems);

        Assert.Equal(["x1"], nodes);
        Assert.Equal(["partition gpus has no nodes (or does not exist)"], problems);
    }

    [Theory]
    [InlineData(",", "name at least one partition")]
    [InlineData("batch,gpu nodes", "'gpu nodes' has spaces; separate partitions with commas")]
    [InlineData("batch,gpu", null)]
    public void A_list_without_a_name_or_with_spaces_in_one_is_refused(string text, string? problem) =>
        Assert.Equal(problem, PartitionSelection.Problem(text));
}
