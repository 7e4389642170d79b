using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;

namespace HpcMaint.Integration.Tests.Slurm;

/// <summary>What the adapter does when Slurm cannot answer: an error value, quickly, never a hang.</summary>
public sealed class SlurmClientFailureSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-noctld-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_controller_that_does_not_answer_is_an_error_within_the_command_timeout()
    {
        var conf = Path.Combine(dir, "slurm.conf");
        File.WriteAllText(conf, "ClusterName=nobody\nSlurmctldHost=localhost\nSlurmctldPort=1\nMessageTimeout=30\nAuthType=auth/none\n");
        var slurm = new SlurmClient(
            new SlurmCommands(new SlurmSettings { Conf = conf, CommandTimeout = TimeSpan.FromSeconds(2) }),
            new ProcessRunner(TimeProvider.System));
        var started = TimeProvider.System.GetTimestamp();

        var nodes = await slurm.GetNodesAsync();
        var drain = await slurm.DrainAsync(["n1"], "hpcmaint: x");

        Assert.False(nodes.IsSuccess);
        Assert.False(drain.IsSuccess);
        Assert.Contains("sinfo", nodes.Error, StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Missing_slurm_commands_are_an_error_that_says_where_to_set_them()
    {
        var slurm = new SlurmClient(
            new SlurmCommands(new SlurmSettings { BinDir = Path.Combine(dir, "no-bin") }),
            new ProcessRunner(TimeProvider.System));

        var nodes = await slurm.GetNodesAsync();

        Assert.False(nodes.IsSuccess);
        Assert.Contains("bin_dir", nodes.Error, StringComparison.Ordinal);
    }
}
