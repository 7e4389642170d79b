using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>
/// What every client printed with slurmctld SIGKILLed (controller-down-*) or SIGSTOPped past MessageTimeout
/// (controller-hung-*) on the 22.05 testbed is read as "slurmctld is unreachable", not as a refusal.
/// </summary>
public sealed class ControllerUnreachableSpecs
{
    public static TheoryData<string, string> Captured => new()
    {
        { "controller-down-sinfo", "sinfo --json" },
        { "controller-down-squeue", "squeue --json" },
        { "controller-down-show-node", "show node" },
        { "controller-down-reservations", "show reservation" },
        { "controller-down-update", "update" },
        { "controller-down-reboot", "reboot" },
        { "controller-down-sbatch", "sbatch" },
        { "controller-hung-sinfo", "sinfo --json" },
        { "controller-hung-squeue", "squeue --json" },
        { "controller-hung-show-node", "show node" },
        { "controller-hung-update", "update" },
        { "controller-hung-sbatch", "sbatch" },
    };

    [Theory]
    [MemberData(nameof(Captured))]
    public async Task A_client_that_could_not_reach_slurmctld_says_so(string fixture, string operation)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner(fixture));

        var (unreachable, error) = await RunAsync(client, operation);

        Assert.True(unreachable, error);
        Assert.StartsWith("slurmctld is unreachable: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_line_that_says_why_is_kept()
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner("controller-hung-sbatch"));

        var (_, error) = await RunAsync(client, "sbatch");

        Assert.EndsWith("sbatch: error: Batch job submission failed: Socket timed out on send/recv operation", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error-update-unknown-node", "update")]
    [InlineData("error-sbatch-unknown-node", "sbatch")]
    [InlineData("error-show-unknown-node", "show node")]
    public async Task A_refusal_from_a_controller_that_answered_is_not_an_outage(string fixture, string operation)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner(fixture));

        var (unreachable, error) = await RunAsync(client, operation);

        Assert.False(unreachable, error);
        Assert.DoesNotContain("unreachable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_past_its_own_timeout_is_an_unanswered_controller()
    {
        var runner = new FixtureRunner("controller-hung-show-node", CommandOutcome.TimedOut);

        var node = await new SlurmClient(new SlurmCommands(new SlurmSettings()), runner).GetNodeAsync("n1");

        Assert.True(node.ControllerUnreachable);
        Assert.Contains("did not finish within", node.Error, StringComparison.Ordinal);
    }

    private static async Task<(bool Unreachable, string Error)> RunAsync(SlurmClient client, string operation)
    {
        (bool, string?) Of<T>(SlurmResult<T> r) => (r.ControllerUnreachable, r.Error);
        var (unreachable, error) = operation switch
        {
            "sinfo --json" => Of(await client.GetNodesAsync()),
            "squeue --json" => Of(await client.GetJobsAsync()),
            "show node" => Of(await client.GetNodeAsync("n1")),
            "show reservation" => Of(await client.GetReservationsAsync()),
            "update" => Of(await client.DrainAsync(["n1"], "x")),
            "reboot" => Of(await client.RebootAsync(["n1"], new RebootRequest())),
            _ => Of(await client.SubmitAsync(new BatchJobRequest("#!/bin/sh\ntrue\n") { Partition = "rebuild", NodeList = "n1" })),
        };
        Assert.NotNull(error);
        return (unreachable, error);
    }

    /// <summary>Answers any command with the captured stdout, stderr and exit status of one fixture.</summary>
    private sealed class FixtureRunner(string name, CommandOutcome outcome = CommandOutcome.Exited) : ICommandRunner
    {
        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            var exit = int.Parse(Fixture.Read(name + ".exit").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var now = DateTimeOffset.UnixEpoch;
            return Task.FromResult(new CommandResult(command, outcome, exit, Fixture.Read(name + ".stdout"), Fixture.Read(name + ".stderr"), now, now));
        }
    }
}
