using HpcMaint.Core.Reboot;

namespace HpcMaint.Core.Tests.Reboot;

public sealed class RebootCallSpecs
{
    [Fact]
    public void Without_arguments_slurmd_runs_it_for_this_node()
    {
        var call = RebootCall.Read([], () => "gpu07");

        Assert.Equal(RebootCall.Slurmd, call.Value.Mode);
        Assert.Equal(["gpu07"], call.Value.Nodes);
    }

    [Theory]
    [InlineData("n1,n3")]
    [InlineData("n[1,3]")]
    public void Slurmctld_passes_a_comma_list_or_a_ranged_hostlist_and_this_node_is_not_asked(string list)
    {
        var call = RebootCall.Read([list, "feature1"], () => throw new InvalidOperationException("this node asked"));

        Assert.Equal(RebootCall.Controller, call.Value.Mode);
        Assert.Equal(["n1", "n3"], call.Value.Nodes);
    }

    [Fact]
    public void A_node_list_that_cannot_be_read_is_a_problem_that_quotes_it()
    {
        var call = RebootCall.Read(["n[1-"], () => "unused");

        Assert.Equal(ProblemKind.Invalid, call.Problem!.Kind);
        Assert.StartsWith("cannot read the node list 'n[1-' from slurmctld: ", call.Problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_plan_file_is_named_by_its_time_and_process()
    {
        Assert.Equal("plan-1763700000123-4242.json", RebootPlanFile.NameFor(DateTimeOffset.FromUnixTimeMilliseconds(1_763_700_000_123), 4242));
    }
}
