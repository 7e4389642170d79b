namespace HpcMaint.Core.Health.Checks;

/// <summary>
/// Collects everything one check found, so that all problems land in one verdict: Fail when anything is
/// wrong (with what could not be read alongside), Error when the check could only not look.
/// </summary>
internal sealed class FindingList
{
    private readonly List<Finding> faults = [];
    private readonly List<Finding> unreadable = [];

    public void Fault(string condition, string actual, string expected, bool critical = false, LadderStep remedy = LadderStep.Reboot) =>
        faults.Add(new Finding(condition, actual, expected, critical, remedy));

    public void Unreadable(string condition, string problem) =>
        unreadable.Add(new Finding(condition, problem, "a working check"));

    public CheckVerdict ToVerdict(string output = "") =>
        faults.Count > 0 ? CheckVerdict.Fail([.. faults, .. unreadable], output)
        : unreadable.Count > 0 ? new CheckVerdict(CheckStatus.Error, unreadable, output)
        : CheckVerdict.Pass(output);
}
