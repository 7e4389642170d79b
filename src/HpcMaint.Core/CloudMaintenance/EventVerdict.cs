namespace HpcMaint.Core.CloudMaintenance;

/// <summary>What a pass does with one event.</summary>
public enum EventVerdict
{
    /// <summary>Reported only: hpcmaint does not act on it (its fault code, an excluded host, someone else's drain, …).</summary>
    Report,

    /// <summary>Held back this pass (the daily cap, the budget, a job still running, OCI still working).</summary>
    Wait,

    /// <summary>Its node is drained: it leaves service after its running jobs.</summary>
    Drain,

    /// <summary>Scheduled now (or again after a failed work request).</summary>
    Schedule,

    /// <summary>Maintenance done and the node booted: the health gate runs, then the node returns or is drained for a person.</summary>
    Verify,

    /// <summary>Ended: hpcmaint marks it processed (and drains the node for a person where it failed).</summary>
    Finish,

    /// <summary>Processed already: nothing left to do.</summary>
    Done,
}
