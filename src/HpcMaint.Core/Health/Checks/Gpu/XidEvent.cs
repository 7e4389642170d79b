namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>One "NVRM: Xid (PCI:0000:3b:00): 79, …" kernel log line.</summary>
/// <param name="Device">The PCI address the driver printed, "0000:3b:00".</param>
/// <param name="When">Wall-clock time of the line when the log format gives one.</param>
/// <param name="SinceBoot">Seconds since boot, for plain dmesg lines ("[ 1234.567890]").</param>
/// <param name="Line">The whole log line, for a person.</param>
internal sealed record XidEvent(string Device, int Xid, DateTimeOffset? When, double? SinceBoot, string Line);
