namespace HpcMaint.Core.Slurm;

/// <summary>Slurm's spellings of job base states and flags, both directions.</summary>
public static class JobStateText
{
    private static readonly (JobBaseState State, string Text)[] BaseNames =
    [
        (JobBaseState.Pending, "PENDING"),
        (JobBaseState.Running, "RUNNING"),
        (JobBaseState.Suspended, "SUSPENDED"),
        (JobBaseState.Completed, "COMPLETED"),
        (JobBaseState.Cancelled, "CANCELLED"),
        (JobBaseState.Failed, "FAILED"),
        (JobBaseState.Timeout, "TIMEOUT"),
        (JobBaseState.NodeFail, "NODE_FAIL"),
        (JobBaseState.Preempted, "PREEMPTED"),
        (JobBaseState.BootFail, "BOOT_FAIL"),
        (JobBaseState.Deadline, "DEADLINE"),
        (JobBaseState.OutOfMemory, "OUT_OF_MEMORY"),
    ];

    // In the order job_state_string (slurm_protocol_defs.c) tests them: the first one set names the state.
    private static readonly (JobFlags Flag, string Text)[] FlagNames =
    [
        (JobFlags.Completing, "COMPLETING"),
        (JobFlags.StageOut, "STAGE_OUT"),
        (JobFlags.Configuring, "CONFIGURING"),
        (JobFlags.Resizing, "RESIZING"),
        (JobFlags.Requeued, "REQUEUED"),
        (JobFlags.RequeueFed, "REQUEUE_FED"),
        (JobFlags.RequeueHold, "REQUEUE_HOLD"),
        (JobFlags.SpecialExit, "SPECIAL_EXIT"),
        (JobFlags.Stopped, "STOPPED"),
        (JobFlags.Revoked, "REVOKED"),
        (JobFlags.ResvDelHold, "RESV_DEL_HOLD"),
        (JobFlags.Signaling, "SIGNALING"),
        (JobFlags.LaunchFailed, "LAUNCH_FAILED"),
        (JobFlags.UpdateDb, "UPDATE_DB"),
        (JobFlags.ReconfigFail, "RECONFIG_FAIL"),
        (JobFlags.PowerUpNode, "POWER_UP_NODE"),
    ];

    /// <summary>
    /// The words of squeue --json's job_state (one in 22.05, a list from 23.02) or scontrol's JobState=.
    /// A lone CONFIGURING (22.05) is a running job's flag, as 23.02+ spell it out.
    /// </summary>
    public static JobState Parse(IEnumerable<string> words)
    {
        var state = JobBaseState.Unknown;
        var flags = JobFlags.None;
        foreach (var raw in words)
        {
            var word = raw.Trim().ToUpperInvariant();
            if (word.Length == 0)
            {
                continue;
            }

            var named = Array.FindIndex(BaseNames, b => b.Text == word);
            if (named >= 0)
            {
                state = BaseNames[named].State;
                continue;
            }

            var flag = Array.FindIndex(FlagNames, f => f.Text == word);
            flags |= flag >= 0 ? FlagNames[flag].Flag : JobFlags.Other;
        }

        if (state == JobBaseState.Unknown && (flags & JobFlags.Configuring) != 0)
        {
            state = JobBaseState.Running;
        }

        return new JobState(state, flags);
    }

    /// <summary>Parses "RUNNING", "CONFIGURING" or "RUNNING+CONFIGURING+POWER_UP_NODE".</summary>
    public static JobState Parse(string text) => Parse(text.Split('+', ','));

    public static string Word(JobState state)
    {
        foreach (var (flag, text) in FlagNames)
        {
            if (state.Has(flag) && flag is not (JobFlags.LaunchFailed or JobFlags.UpdateDb or JobFlags.ReconfigFail or JobFlags.PowerUpNode))
            {
                return text;
            }
        }

        var index = Array.FindIndex(BaseNames, b => b.State == state.Base);
        return index >= 0 ? BaseNames[index].Text : "UNKNOWN";
    }

    /// <summary>Every part, base first: "RUNNING+CONFIGURING+POWER_UP_NODE".</summary>
    public static string Format(JobState state)
    {
        var index = Array.FindIndex(BaseNames, b => b.State == state.Base);
        var parts = new List<string> { index >= 0 ? BaseNames[index].Text : "UNKNOWN" };
        parts.AddRange(FlagNames.Where(f => state.Has(f.Flag)).Select(f => f.Text));
        if (state.Has(JobFlags.Other))
        {
            parts.Add("OTHER");
        }

        return string.Join('+', parts);
    }
}
