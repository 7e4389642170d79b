using HpcMaint.Core.Health;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// Drain reasons hpcmaint writes: <c>hpcmaint: fs.mount: /scratch not mounted vs mounted rw</c>, and
/// at the last step <c>hpcmaint: manual: …</c>. Short, because sinfo -R and people read them.
/// </summary>
public static class DrainReasons
{
    public static string For(Finding finding, int others, LadderStep step)
    {
        var detail = $"{finding.Condition}: {finding.Actual} vs {finding.Expected}";
        if (others > 0)
        {
            detail += $" (+{others} more)";
        }

        return NodeReason.Create(step == LadderStep.Manual ? "manual: " + detail : detail);
    }
}
