namespace HpcMaint.FakeOpenStack;

/// <summary>
/// One Nova server of the fake. Actions in progress advance with time when the server is read (no
/// timers): a rebuild spends one phase in task_state rebuilding and one in rebuild_spawning, then ends
/// ACTIVE (SHUTOFF if it was off), or ERROR with a fault when one was planted.
/// </summary>
public sealed class FakeServer(string id, string name, string imageId)
{
    private DateTimeOffset actionStarted;
    private string? actionKind;
    private string settledStatus = "ACTIVE";

    public string Id { get; } = id;

    public string Name { get; } = name;

    public string ImageId { get; set; } = imageId;

    public string Status { get; set; } = "ACTIVE";

    public string? TaskState { get; set; }

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public (int Code, string Message)? Fault { get; set; }

    /// <summary>Planted by the control API: the next rebuild ends in ERROR with this fault.</summary>
    public (int Code, string Message)? NextRebuildFault { get; set; }

    public bool IsRebuilding => actionKind == "rebuild";

    public string VmState => Status switch
    {
        "SHUTOFF" => "stopped",
        "ERROR" => "error",
        _ => "active",
    };

    public void StartRebuild(string image, DateTimeOffset now)
    {
        settledStatus = Status == "SHUTOFF" ? "SHUTOFF" : "ACTIVE";
        ImageId = image;
        Status = "REBUILD";
        TaskState = "rebuilding";
        Fault = null;
        actionKind = "rebuild";
        actionStarted = now;
    }

    public void StartReboot(bool hard, DateTimeOffset now)
    {
        settledStatus = "ACTIVE";
        Status = hard ? "HARD_REBOOT" : "REBOOT";
        TaskState = hard ? "reboot_started_hard" : "reboot_started";
        Fault = null;
        actionKind = "reboot";
        actionStarted = now;
    }

    /// <summary>Brings the state up to <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now, FakeOptions options)
    {
        var elapsed = now - actionStarted;
        switch (actionKind)
        {
            case "rebuild" when elapsed < options.RebuildPhase:
                TaskState = "rebuilding";
                break;
            case "rebuild" when elapsed < options.RebuildPhase * 2:
                TaskState = "rebuild_spawning";
                break;
            case "rebuild":
                Settle();
                break;
            case "reboot" when elapsed >= options.RebootTime:
                Settle();
                break;
        }
    }

    /// <summary>Ends the action in progress as it would end (state files hold servers settled).</summary>
    public void Settle()
    {
        if (actionKind == "rebuild" && NextRebuildFault is { } fault)
        {
            Status = "ERROR";
            Fault = fault;
            NextRebuildFault = null;
        }
        else if (actionKind is not null)
        {
            Status = settledStatus;
        }

        TaskState = null;
        actionKind = null;
    }

    public FakeServer SettledCopy()
    {
        var copy = new FakeServer(Id, Name, ImageId)
        {
            Status = Status,
            TaskState = TaskState,
            Fault = Fault,
            NextRebuildFault = NextRebuildFault,
            actionKind = actionKind,
            actionStarted = actionStarted,
            settledStatus = settledStatus,
        };
        foreach (var (key, value) in Metadata)
        {
            copy.Metadata[key] = value;
        }

        copy.Settle();
        return copy;
    }
}
