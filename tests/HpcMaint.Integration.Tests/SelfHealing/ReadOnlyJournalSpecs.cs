using HpcMaint.Adapters.Processes;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Integration.Tests.SelfHealing;

/// <summary>hpcmaint acts on nothing it cannot journal, and says so plainly instead of failing the hook.</summary>
[Collection("self-healing")]
public sealed class ReadOnlyJournalSpecs
{
    [Fact]
    public async Task A_read_only_journal_stops_the_drain_says_why_keeps_the_strikes_and_the_drain_follows_once_it_is_writable()
    {
        await using var bed = await SelfHealingBed.StartAsync(journalOnOwnMount: true);
        bed.JournalReadOnly(true);
        bed.KillDaemon("n4");

        // strikes = 2: a third strike kept means runs that would have drained n4 did nothing.
        await bed.WaitAsync(
            () => Task.FromResult(bed.MetricValue("n4", "hpcmaint_health_journal_writable") == 0
                && bed.MetricValue("n4", "hpcmaint_health_strikes", ("check", "testd-n4")) >= 3),
            40,
            "n4's runs did not report the unwritable journal with its strikes kept");
        Assert.Null((await bed.NodeAsync("n4")).Reason);

        bed.ReplayGpus(Environment.MachineName); // run by hand, the fake nvidia-smi sees this host's name
        var run = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Health).WithArguments(["--config", bed.Config])
                .WithCleanEnvironment().WithEnvironment(new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "n4" })
                .WithTimeout(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"the audit journal cannot be written (open {bed.Journal}: Read-only file system", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("nothing was done on n4 (strikes are kept)", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.StandardError, StringComparison.Ordinal);
        Assert.Null((await bed.NodeAsync("n4")).Reason);
        Assert.False(File.Exists(bed.CountersFile("n4")), "runs that did nothing counted something");

        bed.JournalReadOnly(false);

        await bed.WaitAsync(async () => (await bed.NodeAsync("n4")).ReasonIsOurs, 40, "n4 was not drained once the journal was writable");
        Assert.Contains("\"node\":\"n4\",\"action\":\"drain\"", bed.JournalText(), StringComparison.Ordinal);
        await bed.WaitAsync(() => Task.FromResult(PrometheusText.FileValue(bed.CountersFile("n4"), "hpcmaint_health_drains_total") == 1), 20, "n4's drain was not counted");
        Assert.Equal(1, bed.MetricValue("n4", "hpcmaint_health_journal_writable"));
    }
}
