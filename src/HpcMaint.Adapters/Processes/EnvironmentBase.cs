namespace HpcMaint.Adapters.Processes;

/// <summary>What a child's environment starts from, before <see cref="Command.Environment"/> is applied.</summary>
public enum EnvironmentBase
{
    /// <summary>
    /// PATH=/usr/sbin:/usr/bin:/sbin:/bin and hpcmaint's own HPCMAINT_* variables, nothing else: what hpcmaint
    /// gives every program it runs (no LD_PRELOAD, PYTHONPATH or PATH of an admin's shell).
    /// </summary>
    Minimal,

    /// <summary>Nothing at all (slurmd's view of a hook).</summary>
    Empty,

    /// <summary>This process's environment as it is.</summary>
    Inherited,
}
