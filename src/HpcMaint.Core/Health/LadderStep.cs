namespace HpcMaint.Core.Health;

/// <summary>The remediation steps a ticket climbs, in order.</summary>
public enum LadderStep
{
    /// <summary>Drain, then the site's <c>[[health.remedy]]</c> command for the fault (no reboot); skipped when none matches.</summary>
    Remedy,

    /// <summary>Drain, then a plain <c>scontrol reboot</c>; the boot-time health run decides.</summary>
    Reboot,

    /// <summary>Drain, then a reboot that hpcmaint-reboot carries out as a rebuild to the desired image.</summary>
    Rebuild,

    /// <summary>Stay drained for a person, with a notification.</summary>
    Manual,
}
