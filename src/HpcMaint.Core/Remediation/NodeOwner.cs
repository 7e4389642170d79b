namespace HpcMaint.Core.Remediation;

/// <summary>Who holds a node out of service, from its state and reason together (<see cref="NodeOwnership"/>).</summary>
public enum NodeOwner
{
    /// <summary>Neither drained nor down: in service, whatever its reason says (that is history).</summary>
    None,

    /// <summary>Drained by hpcmaint (or down after hpcmaint's own reboot timed out): hpcmaint's to resume.</summary>
    Hpcmaint,

    /// <summary>Drained or down by someone else (an admin, NHC, Slurm), or in a reboot someone else asked for.</summary>
    Other,
}
