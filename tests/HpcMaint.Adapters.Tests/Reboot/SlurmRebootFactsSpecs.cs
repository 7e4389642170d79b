using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Tests.Reboot;

/// <summary>SlurmUser is asked of Slurm only when a rebuild job of someone other than root is there to judge.</summary>
public sealed class SlurmRebootFactsSpecs
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);

    private static Job RebuildJob(string user) =>
        new(7, RebuildJobs.Name("n1"), "rebuild", JobStateText.Parse("CONFIGURING"), null, ["n1"], "n1", true, "hpcmaint image=img-2 plan=rb-1", 1, user, null, At, At);

    private sealed class Slurm(params Job[] jobs) : ISlurmReader
    {
        public int ConfigReads { get; private set; }

        public Task<SlurmResult<IReadOnlyList<Node>>> GetNodesAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task<SlurmResult<Node>> GetNodeAsync(string name, CancellationToken ct = default) =>
            Task.FromResult(SlurmResult<Node>.Success(new Node(name, new NodeState(NodeBaseState.Idle, NodeFlags.None), null, null, null, At, At, [], [], [], null, null, null), null));

        public Task<SlurmResult<IReadOnlyList<Partition>>> GetPartitionsAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task<SlurmResult<IReadOnlyList<Job>>> GetJobsAsync(CancellationToken ct = default) =>
            Task.FromResult(SlurmResult<IReadOnlyList<Job>>.Success(jobs, null));

        public Task<SlurmResult<IReadOnlyList<Reservation>>> GetReservationsAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task<SlurmResult<SlurmVersion>> GetVersionAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task<SlurmResult<string>> GetSlurmUserAsync(CancellationToken ct = default)
        {
            ConfigReads++;
            return Task.FromResult(SlurmResult<string>.Success("slurm", null));
        }

        public Task<SlurmResult<string>> GetPreemptTypeAsync(CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static readonly HpcMaintConfig Config = HpcMaintConfig.Defaults("t.toml");

    [Fact]
    public async Task Root_s_rebuild_job_and_none_at_all_cost_no_config_read()
    {
        var root = new Slurm(RebuildJob("root"));
        var none = new Slurm();

        var facts = await SlurmRebootFacts.ReadAsync(root, ["n1"], Config, CancellationToken.None);
        await SlurmRebootFacts.ReadAsync(none, ["n1"], Config, CancellationToken.None);

        Assert.Equal("img-2", facts[0].JobImage);
        Assert.Equal((0, 0), (root.ConfigReads, none.ConfigReads));
    }

    [Theory]
    [InlineData("slurm", "img-2")]
    [InlineData("alice", null)]
    public async Task Another_user_s_rebuild_job_is_judged_against_SlurmUser_read_once(string user, string? image)
    {
        var slurm = new Slurm(RebuildJob(user));

        var facts = await SlurmRebootFacts.ReadAsync(slurm, ["n1"], Config, CancellationToken.None);

        Assert.Equal(image, facts[0].JobImage);
        Assert.Equal(1, slurm.ConfigReads);
    }

    [Fact]
    public async Task The_configured_SlurmUser_is_used_without_asking_Slurm()
    {
        var slurm = new Slurm(RebuildJob("slurmctl"));

        var facts = await SlurmRebootFacts.ReadAsync(slurm, ["n1"], Config with { Slurm = new SlurmSettings { User = "slurmctl" } }, CancellationToken.None);

        Assert.Equal(("img-2", 0), (facts[0].JobImage, slurm.ConfigReads));
    }

    [Fact]
    public void SlurmUser_is_read_from_scontrol_show_config()
    {
        var text = "Configuration data as of 2026-11-21T09:30:00\nSlurmctldPort           = 6817\nSlurmUser               = slurm(64030)\nSlurmdUser              = root(0)\n";

        Assert.Equal("slurm", HpcMaint.Adapters.Slurm.Parsing.ScontrolConfigParser.SlurmUser(text));
    }
}
