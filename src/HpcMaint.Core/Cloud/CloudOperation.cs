namespace HpcMaint.Core.Cloud;

/// <summary>
/// An operation the cloud accepted: on which instance, what ("rebuild", "soft reboot"), the request id to
/// quote to the cloud's operators, the image it puts on. Disposing it gives back what the provider held
/// for it while it runs (OpenStack: a slot of its in-flight limit).
/// </summary>
public sealed class CloudOperation(string instanceId, string what, string? requestId, string? image = null, IDisposable? held = null) : IDisposable
{
    public string InstanceId { get; } = instanceId;

    public string What { get; } = what;

    public string? RequestId { get; } = requestId;

    public string? Image { get; } = image;

    public void Dispose() => held?.Dispose();

    public override string ToString() => $"{What} of {InstanceId}";
}
