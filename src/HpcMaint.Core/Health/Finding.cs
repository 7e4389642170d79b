namespace HpcMaint.Core.Health;

/// <summary>
/// One thing a check found wrong, in the words of a drain reason:
/// <c>hpcmaint: {Condition}: {Actual} vs {Expected}</c>, e.g.
/// <c>gpu.nvidia.ecc: 2 uncorrectable on GPU 3 vs 0</c>.
/// </summary>
/// <param name="Condition">Stable id, <c>family.what</c> (e.g. <c>fs.mount</c>, <c>gpu.nvidia.lost</c>).</param>
/// <param name="Actual">What was seen, short (it ends up in a Slurm reason).</param>
/// <param name="Expected">What the config asked for, short.</param>
/// <param name="Critical">Acts at the first failure, without waiting for the strike count (a lost GPU, a fatal Xid).</param>
/// <param name="Remedy">The lowest ladder step that can help; <see cref="LadderStep.Manual"/> for hardware faults.</param>
public sealed record Finding(
    string Condition,
    string Actual,
    string Expected,
    bool Critical = false,
    LadderStep Remedy = LadderStep.Reboot);
