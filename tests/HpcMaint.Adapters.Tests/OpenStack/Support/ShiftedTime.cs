namespace HpcMaint.Adapters.Tests.OpenStack.Support;

/// <summary>The system clock moved forward by <see cref="Offset"/>; timers still run in real time.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
