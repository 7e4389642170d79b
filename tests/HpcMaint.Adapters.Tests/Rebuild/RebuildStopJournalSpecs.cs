using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Rebuild;

/// <summary>rebuild.stop says what stopped the runner: a signal, or the service letting a plan go when its window closed.</summary>
public sealed class RebuildStopJournalSpecs
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);

    private static RebuildPlan Plan() =>
        new("rb-stop", "v2", RebuildStrategy.Job, 25, T0, PlanStatus.Running, [new PlannedNode("n1", RebuildStep.Waiting, T0)]);

    [Fact]
    public void A_signal_is_told_as_a_signal()
    {
        var records = new Records();

        new RebuildJournal(records, new ManualTimeProvider(T0), dryRun: false).Stopped(Plan());

        var stop = Assert.Single(records.All);
        Assert.Equal("rebuild.stop", stop.Action);
        Assert.StartsWith("stopped by a signal (SIGTERM or SIGINT) with the plan running", stop.Reason, StringComparison.Ordinal);
        Assert.Contains("`hpcmaint rebuild resume rb-stop`", stop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_the_service_let_go_is_told_with_the_window_that_closed_and_no_signal()
    {
        var records = new Records();

        new RebuildJournal(records, new ManualTimeProvider(T0), dryRun: false).Stopped(Plan(), "outside every maintenance window: the next opens sat 22:00 UTC");

        var stop = Assert.Single(records.All);
        Assert.StartsWith("left by the service (outside every maintenance window: the next opens sat 22:00 UTC) with the plan running", stop.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("signal", stop.Reason, StringComparison.Ordinal);
    }

    private sealed class Records : IAuditJournal
    {
        public List<AuditRecord> All { get; } = [];

        public void Append(AuditRecord record) => All.Add(record);
    }
}
