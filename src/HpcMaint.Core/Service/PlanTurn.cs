namespace HpcMaint.Core.Service;

/// <summary>What one service pass does with one open plan.</summary>
public enum PlanTurn
{
    /// <summary>Resume it: follow its nodes in flight and admit new ones while a window is open.</summary>
    Resume,

    /// <summary>Outside every window with nodes in flight: follow those to their end, admit none.</summary>
    Follow,

    /// <summary>Outside every window, nothing in flight: leave it until the next window.</summary>
    Wait,

    /// <summary>Monitor-only ([service] act is not true): say what resuming it would do, send nothing.</summary>
    Report,

    /// <summary>Halted on failures: only an admin goes on (`hpcmaint rebuild resume --max-failures N`).</summary>
    Halted,
}
