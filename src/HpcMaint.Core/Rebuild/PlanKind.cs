namespace HpcMaint.Core.Rebuild;

/// <summary>What a plan does to each node: put it on an image (`hpcmaint rebuild`) or only reboot it (`hpcmaint reboot`).</summary>
public enum PlanKind
{
    /// <summary>Done when the node reports the plan's image (and passed the gate).</summary>
    Rebuild,

    /// <summary>No image change: done when the node booted after hpcmaint asked for its reboot (and passed the gate).</summary>
    Reboot,
}
