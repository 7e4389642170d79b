using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Adapters.Tests.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

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

    [Fact]
    public async Task A_node_waiting_at_the_manual_step_costs_slurmctld_no_write_after_the_first_run()
    {
        var ticket = new Ticket("fs.mount", "scratch", LadderStep.Manual, DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch.AddDays(1), [new TicketEvent(DateTimeOffset.UnixEpoch.AddDays(1), "manual")]);
        var slurm = new NodeInSlurm(Fixture.Read("22.05", "node-detail-drained-comment-extra.scontrol-show-node.txt").Replace("NodeName=n3", "NodeName=n1", StringComparison.Ordinal), NodeRecord.Empty with { Ticket = ticket });
        var runner = Runner(CheckVerdict.Fail([new Finding("fs.mount", "/scratch not mounted", "mounted")]), slurm);

        for (var run = 0; run < 10; run++)
        {
            await runner.RunAsync("n1", dryRun: false, CancellationToken.None);
        }

        Assert.Equal(10, slurm.Ran.Count(c => c.StartsWith("scontrol show node", StringComparison.Ordinal)));
        var update = Assert.Single(slurm.Ran, c => c.StartsWith("scontrol update", StringComparison.Ordinal));
        Assert.Contains("\"l\":", update, StringComparison.Ordinal);
        Assert.Equal(LadderStep.Manual, slurm.Record.Ticket?.Step);
    }

    private (HealthRunner Runner, ScriptedRunner Slurm) Runner(CheckVerdict verdict)
    {
        var slurm = new ScriptedRunner(new() { ["show node n1"] = Fixture.Read("22.05", "node-detail-idle.scontrol-show-node.txt") });
        return (Runner(verdict, slurm), slurm);
    }

    private HealthRunner Runner(CheckVerdict verdict, ICommandRunner slurm)
    {
        var check = new CheckDefinition("scratch", "fs.mount", new Fixed(verdict), HostTarget.All, TimeSpan.FromSeconds(5), CheckPriority.Default, 3, HealthSettings.DefaultLadder, 1);
        var settings = new HealthSettings { StateFile = Path.Combine(dir, "state.json"), Checks = [check] };
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), slurm);
        var journal = new AuditJournal(Path.Combine(dir, "audit.jsonl"));
        var executor = new HealthActionExecutor(client, client, new ManualNotifier(settings.Notify, slurm, TimeProvider.System), slurm, journal, settings.RecordField, TimeProvider.System, "test");
        var probe = new HostProbe(dir, slurm, TimeProvider.System);
        return new HealthRunner(settings, probe, client, executor, new LocalHealthStateStore(settings.StateFile), journal, TimeProvider.System);
    }

    /// <summary>One node as scontrol shows it, whose Comment follows the record hpcmaint writes.</summary>
    private sealed class NodeInSlurm(string shown, NodeRecord record) : ICommandRunner
    {
        public List<string> Ran { get; } = [];

        public NodeRecord Record { get; private set; } = record;

        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            var args = string.Join(' ', command.Arguments);
            Ran.Add(Path.GetFileName(command.Program) + " " + args);
            if (command.Arguments.FirstOrDefault(a => a.StartsWith("comment=", StringComparison.Ordinal)) is { } comment)
            {
                Assert.True(NodeRecordCodec.TryDecode(comment["comment=".Length..], out var written, out _));
                Record = written;
            }

            var output = args == "show node n1"
                ? string.Join('\n', shown.Split('\n').Select(l => l.TrimStart().StartsWith("Comment=", StringComparison.Ordinal) ? "   Comment=" + NodeRecordCodec.Encode(Record) : l))
                : string.Empty;
            var now = DateTimeOffset.UnixEpoch;
            return Task.FromResult(new CommandResult(command, CommandOutcome.Exited, 0, output, string.Empty, now, now));
        }
    }

    private sealed class Fixed(CheckVerdict verdict) : IHealthCheck
    {
        public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) => Task.FromResult(verdict);
    }
}
