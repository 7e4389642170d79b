namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>A rebuild Nova accepted, holding its in-flight slot until disposed (after its end was waited for).</summary>
public sealed record RebuildInFlight(ServerActionAccepted Accepted, IDisposable Slot);
