using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Tests.Processes.Support;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Reboot;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Adapters.Tests.Reboot;

/// <summary>[reboot] metrics_file: what each outcome hpcmaint-reboot journals adds to it.</summary>
public sealed class RebootMetricsSpecs : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-reboot-metrics-").FullName;
    private readonly ManualTimeProvider clock = new(Start);

    private string Path => System.IO.Path.Combine(dir, "reboot.prom");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static RebootAction Action(RebootMethod method) => new("n1", method, method is RebootMethod.OsReboot or RebootMethod.PowerCycle or RebootMethod.RebuildCommand ? ["/x"] : [], null, "spec");

    [Fact]
    public void A_started_command_is_counted_started_by_method_with_no_duration_and_a_failed_one_failed()
    {
        var metrics = new RebootMetrics(Path, clock);
        metrics.Outcome(Action(RebootMethod.OsReboot), AuditOutcome.Succeeded);
        metrics.Outcome(Action(RebootMethod.OsReboot), AuditOutcome.Succeeded);
        metrics.Outcome(Action(RebootMethod.PowerCycle), AuditOutcome.Failed);
        metrics.Outcome(Action(RebootMethod.RebuildCommand), AuditOutcome.Succeeded);

        Assert.Null(metrics.Flush());

        var samples = PrometheusText.Parse(File.ReadAllText(Path));
        Assert.Equal(2, samples.Value(RebootMetrics.Reboots, ("method", "os-reboot"), ("outcome", "started")));
        Assert.Equal(1, samples.Value(RebootMetrics.Reboots, ("method", "power-cycle"), ("outcome", "failed")));
        Assert.Equal(1, samples.Value(RebootMetrics.Rebuilds, ("method", "rebuild-command"), ("outcome", "started")));
        Assert.Equal(Start.ToUnixTimeSeconds(), samples.Value(RebootMetrics.LastOutcome, ("method", "power-cycle"), ("outcome", "failed")));
        Assert.DoesNotContain(samples, s => s.Name.Contains("duration", StringComparison.Ordinal));
    }

    [Fact]
    public void OpenStack_work_is_counted_succeeded_or_failed_with_its_duration_and_the_last_time_it_ended()
    {
        var metrics = new RebootMetrics(Path, clock);
        var first = metrics.StartTiming();
        clock.Advance(TimeSpan.FromSeconds(90));
        metrics.Outcome(Action(RebootMethod.OpenStackRebuild), AuditOutcome.Succeeded, first);
        var second = metrics.StartTiming();
        clock.Advance(TimeSpan.FromSeconds(30));
        metrics.Outcome(Action(RebootMethod.OpenStackRebuild), AuditOutcome.Succeeded, second);
        metrics.Outcome(Action(RebootMethod.OpenStackHardReboot), AuditOutcome.Failed, metrics.StartTiming());
        metrics.Flush();

        var samples = PrometheusText.Parse(File.ReadAllText(Path));
        var rebuilt = new[] { ("method", "openstack-rebuild"), ("outcome", "succeeded") };
        Assert.Equal(2, samples.Value(RebootMetrics.Rebuilds, rebuilt));
        Assert.Equal(120, samples.Value(RebootMetrics.RebuildDuration + "_sum", rebuilt));
        Assert.Equal(2, samples.Value(RebootMetrics.RebuildDuration + "_count", rebuilt));
        Assert.Equal(Start.AddSeconds(120).ToUnixTimeSeconds(), samples.Value(RebootMetrics.LastOutcome, rebuilt));
        Assert.Equal(1, samples.Value(RebootMetrics.Reboots, ("method", "openstack-hard-reboot"), ("outcome", "failed")));
        Assert.Equal(0, samples.Value(RebootMetrics.RebootDuration + "_sum", ("method", "openstack-hard-reboot")));
    }

    [Fact]
    public void Work_in_flight_is_added_up_across_processes_and_never_goes_below_zero()
    {
        var worker = new RebootMetrics(Path, clock);
        var other = new RebootMetrics(Path, clock);
        worker.InFlight(3);
        worker.Flush();
        other.InFlight(2);
        other.Flush();
        worker.InFlight(-1);
        worker.Flush();
        Assert.Equal(4, PrometheusText.Parse(File.ReadAllText(Path)).Value(RebootMetrics.InFlightFamily));

        File.Delete(Path); // lost while work was in flight
        worker.InFlight(-1);
        worker.Flush();

        Assert.Equal(0, PrometheusText.Parse(File.ReadAllText(Path)).Value(RebootMetrics.InFlightFamily));
    }

    [Fact]
    public void Without_a_metrics_file_or_with_nothing_to_say_nothing_is_written()
    {
        var none = new RebootMetrics(null, clock);
        none.Outcome(Action(RebootMethod.OsReboot), AuditOutcome.Succeeded);
        Assert.Null(none.Flush());

        Assert.Null(new RebootMetrics(Path, clock).Flush());

        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_file_it_cannot_write_is_said_with_its_path()
    {
        File.WriteAllText(System.IO.Path.Combine(dir, "file"), string.Empty);
        var metrics = new RebootMetrics(System.IO.Path.Combine(dir, "file", "reboot.prom"), clock);
        metrics.Outcome(Action(RebootMethod.OsReboot), AuditOutcome.Succeeded);

        var problem = metrics.Flush();

        Assert.StartsWith($"cannot write [reboot] metrics_file {dir}/file/reboot.prom: ", problem, StringComparison.Ordinal);
    }
}
