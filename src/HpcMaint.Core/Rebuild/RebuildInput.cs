namespace HpcMaint.Core.Rebuild;

/// <summary>What `hpcmaint rebuild` (or `hpcmaint reboot`: <see cref="Kind"/>, no image) was asked, as typed: <see cref="RebuildStartRules"/> judges it.</summary>
public sealed record RebuildInput(string? Partition, string? Nodes, string? Image, int MaxDown, RebuildStrategy Strategy, bool DryRun)
{
    /// <summary>--gate words; null when none was given (the configured gate).</summary>
    public IReadOnlyList<string>? Gate { get; init; }

    public IReadOnlyList<string> SbatchOptions { get; init; } = [];

    public int MaxFailures { get; init; } = RebuildPlan.DefaultMaxFailures;

    public PlanKind Kind { get; init; } = PlanKind.Rebuild;

    /// <summary>--max-attempts: reboots tried per node (reservation strategy).</summary>
    public int MaxAttempts { get; init; } = RebuildPlan.DefaultMaxAttempts;

    /// <summary>--reboot-timeout in seconds: one reboot's time to come back (reservation strategy).</summary>
    public int RebootTimeoutSeconds { get; init; } = (int)RebuildPlan.DefaultRebootTimeout.TotalSeconds;

    /// <summary>--what-if: predict the whole run (waves, starts, makespan, capacity lost) and act on nothing.</summary>
    public bool WhatIf { get; init; }

    /// <summary>--terminate-preemptable (reservation strategy only).</summary>
    public bool TerminatePreemptable { get; init; }

    /// <summary>--max-down-per-switch as typed ("1", "25%"); null when not given.</summary>
    public string? MaxDownPerSwitch { get; init; }
}
