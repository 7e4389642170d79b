using System.Globalization;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// gpu.xid: reads the kernel log and fails on every Xid that is not application-caused (see
/// <see cref="XidCatalog"/>), one finding per GPU and Xid, within an optional time window.
/// </summary>
internal sealed class XidCheck(IReadOnlyList<string> argv, TimeSpan window) : IHealthCheck
{
    private const string Id = "gpu.xid";
    private const int MaxLinesShown = 20;

    public async Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var (output, error) = await GpuTool.RunAsync(probe, Id, argv, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!output.Succeeded)
        {
            return GpuTool.Unreadable(Id, argv, output, GpuText.FirstLine(output.StandardError.Length > 0 ? output.StandardError : output.StandardOutput));
        }

        var events = KernelLogXid.Parse(output.StandardOutput, probe.Time.LocalTimeZone);
        var cutoff = window > TimeSpan.Zero ? probe.Time.GetUtcNow() - window : (DateTimeOffset?)null;
        var boot = cutoff is null ? null : BootTime(probe);
        var faults = events
            .Where(e => XidCatalog.Classify(e.Xid) != XidClass.Application)
            .Where(e => cutoff is not { } c || When(e, boot) is not { } t || t >= c)
            .ToList();

        var findings = faults
            .GroupBy(e => (e.Device, e.Xid))
            .Select(g => Finding(g.Key.Device, g.Key.Xid, g.Count()))
            .ToArray();
        var shown = string.Join('\n', faults.Take(MaxLinesShown).Select(e => e.Line));
        return CheckVerdict.From(findings, shown);
    }

    private static Finding Finding(string device, int xid, int times)
    {
        var repeat = times > 1 ? " x" + times.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return new Finding(
            Id,
            $"Xid {xid.ToString(CultureInfo.InvariantCulture)} ({XidCatalog.Name(xid)}) on {device}{repeat}",
            "no GPU-fault Xid",
            Critical: XidCatalog.IsFatal(xid),
            Remedy: XidCatalog.Classify(xid) == XidClass.Hardware ? LadderStep.Manual : LadderStep.Reboot);
    }

    // Plain dmesg stamps lines with seconds since boot; an event without a usable time counts (it may be recent).
    private static DateTimeOffset? When(XidEvent e, DateTimeOffset? boot) =>
        e.When ?? (e.SinceBoot is { } s && boot is { } b ? b + TimeSpan.FromSeconds(s) : null);

    private static DateTimeOffset? BootTime(IHostProbe probe)
    {
        if (probe.ReadText("/proc/uptime") is not { } uptime)
        {
            return null;
        }

        var text = uptime.AsSpan().Trim();
        var space = text.IndexOf(' ');
        return double.TryParse(space > 0 ? text[..space] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? probe.Time.GetUtcNow() - TimeSpan.FromSeconds(seconds)
            : null;
    }
}
