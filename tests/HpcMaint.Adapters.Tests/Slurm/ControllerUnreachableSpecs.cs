using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>
/// What every client printed with slurmctld SIGKILLed (controller-down-*) or SIGSTOPped past MessageTimeout
/// (controller-hung-*) on the testbed of every release is read as "slurmctld is unreachable", not as a
/// refusal (22.05's sinfo and squeue --json exit 0 with an "Unspecified error"; later ones exit 1).
/// </summary>
public sealed class ControllerUnreachableSpecs
{
    private static readonly (string Fixture, string Operation)[] Unanswered =
    [
        ("controller-down-sinfo", "sinfo --json"),
        ("controller-down-squeue", "squeue --json"),
        ("controller-down-show-node", "show node"),
        ("controller-down-reservations", "show reservation"),
        ("controller-down-update", "update"),
        ("controller-down-reboot", "reboot"),
        ("controller-down-sbatch", "sbatch"),
        ("controller-hung-sinfo", "sinfo --json"),
        ("controller-hung-squeue", "squeue --json"),
        ("controller-hung-show-node", "show node"),
        ("controller-hung-update", "update"),
        ("controller-hung-sbatch", "sbatch"),
    ];

    public static TheoryData<string, string, string> Captured
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var release in Fixture.Releases)
            {
                foreach (var (fixture, operation) in Unanswered)
                {
                    data.Add(release, fixture, operation);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Captured))]
    public async Task A_client_that_could_not_reach_slurmctld_says_so(string release, string fixture, string operation)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner(release, fixture));

        var (unreachable, error) = await RunAsync(client, operation);

        Assert.True(unreachable, error);
        Assert.StartsWith("slurmctld is unreachable: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public async Task The_line_that_says_why_is_kept(string release)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner(release, "controller-hung-sbatch"));

        var (_, error) = await RunAsync(client, "sbatch");

        Assert.EndsWith("sbatch: error: Batch job submission failed: Socket timed out on send/recv operation", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Refused
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var release in Fixture.Releases)
            {
                data.Add(release, "error-update-unknown-node", "update");
                data.Add(release, "error-sbatch-unknown-node", "sbatch");
                data.Add(release, "error-show-unknown-node", "show node");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refusal_from_a_controller_that_answered_is_not_an_outage(string release, string fixture, string operation)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner(release, fixture));

        var (unreachable, error) = await RunAsync(client, operation);

        Assert.False(unreachable, error);
        Assert.DoesNotContain("unreachable", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public async Task A_second_reboot_request_that_slurm_skips_yet_exits_0_for_is_a_failure_from_24_11(string release)
    {
        var client = new SlurmClient(new SlurmCommands(new SlurmSettings()), new FixtureRunner(release, "reboot-again"));

        var reboot = await client.RebootAsync(["n3"], new RebootRequest());

        // 22.05 takes the second request silently; 24.11 and 26.05 skip it, say so on stderr and exit 0.
        Assert.Equal(Fixture.Version(release).Major < 23, reboot.IsSuccess);
        if (!reboot.IsSuccess)
        {
            Assert.Contains("Skipping reboot of nodes n3 due to current node state", reboot.Error, StringComparison.Ordinal);
            Assert.False(reboot.ControllerUnreachable);
        }
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public async Task A_command_past_its_own_timeout_is_an_unanswered_controller(string release)
    {
        var runner = new FixtureRunner(release, "controller-hung-show-node", CommandOutcome.TimedOut);

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
    private sealed class FixtureRunner(string release, string name, CommandOutcome outcome = CommandOutcome.Exited) : ICommandRunner
    {
        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
        {
            var exit = int.Parse(Fixture.Read(release, name + ".exit").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var now = DateTimeOffset.UnixEpoch;
            return Task.FromResult(new CommandResult(command, outcome, exit, Fixture.Read(release, name + ".stdout"), Fixture.Read(release, name + ".stderr"), now, now));
        }
    }
}
