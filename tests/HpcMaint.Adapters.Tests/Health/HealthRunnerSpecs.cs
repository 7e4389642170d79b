using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Adapters.Tests.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;

namespace HpcMaint.Adapters.Tests.Health;

/// <summary>What a health run costs slurmctld: nothing on a healthy node it saw recently.</summary>
public sealed class HealthRunnerSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-runner-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_healthy_node_asks_slurmctld_once_then_not_again_until_the_refresh_and_its_state_is_not_rewritten()
    {
        var (runner, slurm) = Runner(CheckVerdict.Pass());
        var state = Path.Combine(dir, "state.json");

        await runner.RunAsync("n1", dryRun: false, CancellationToken.None);
        Assert.Equal(["scontrol show node n1"], slurm.Ran);
        var written = File.GetLastWriteTimeUtc(state);
        File.SetLastWriteTimeUtc(state, written.AddMinutes(-1));

        var second = await runner.RunAsync("n1", dryRun: false, CancellationToken.None);

        Assert.False(second.SlurmAsked);
        Assert.Single(slurm.Ran);
        Assert.Equal(written.AddMinutes(-1), File.GetLastWriteTimeUtc(state));
    }

    [Fact]
    public async Task A_failing_check_asks_slurmctld_every_run()
    {
        var (runner, slurm) = Runner(CheckVerdict.Fail([new Finding("fs.mount", "/scratch not mounted", "mounted")]));

        await runner.RunAsync("n1", dryRun: true, CancellationToken.None);
        var second = await runner.RunAsync("n1", dryRun: true, CancellationToken.None);

        Assert.True(second.SlurmAsked);
        Assert.Equal(["scontrol show node n1", "scontrol show node n1"], slurm.Ran);
    }

    private (HealthRunner Runner, ScriptedRunner Slurm) Runner(CheckVerdict verdict)
    {
        var slurm = new ScriptedRunner(new() { ["show node n1"] = Fixture.Read("node-detail-idle.scontrol-show-node.txt") });
        var check = new CheckDefinition("scratch", "fs.mount", new Fixed(verdict), HostTarget.All, TimeSpan.FromSeconds(5), CheckPriority.Default, 3, HealthSettings.DefaultLadder, 1);
        var settings = new HealthSettings { StateFile = Path.Combine(dir, "state.json"), Checks = [check] };
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), slurm);
        var journal = new AuditJournal(Path.Combine(dir, "audit.jsonl"));
        var executor = new HealthActionExecutor(client, new ManualNotifier(settings.Notify, slurm, TimeProvider.System), journal, settings.RecordField, TimeProvider.System, "test");
        var probe = new HostProbe(dir, slurm, TimeProvider.System);
        return (new HealthRunner(settings, probe, client, executor, new LocalHealthStateStore(settings.StateFile), journal, TimeProvider.System), slurm);
    }

    private sealed class Fixed(CheckVerdict verdict) : IHealthCheck
    {
        public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) => Task.FromResult(verdict);
    }
}
