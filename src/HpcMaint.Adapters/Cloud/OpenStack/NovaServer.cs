namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// The parts of a Nova server this tool decides on. <see cref="ImageId"/> is null for a server booted
/// from a volume (Nova sends <c>"image": ""</c>); <see cref="TaskState"/> is null when no task runs.
/// </summary>
public sealed record NovaServer(
    string Id,
    string Name,
    string Status,
    string? ImageId,
    string? TaskState,
    string? VmState,
    IReadOnlyDictionary<string, string> Metadata,
    NovaFault? Fault)
{
    /// <summary>Running or stopped, with no task in progress.</summary>
    public bool IsSettled => Status is "ACTIVE" or "SHUTOFF" && TaskState is null;

    public override string ToString() =>
        $"{Name} ({Id}) status={Status} task_state={TaskState ?? "none"} image={ImageId ?? "(volume)"}";
}
