namespace HpcMaint.Core.Health;

/// <summary>What one check concluded: its status, what it found, and the raw output worth showing a person.</summary>
public sealed record CheckVerdict(CheckStatus Status, IReadOnlyList<Finding> Findings, string Output)
{
    public static CheckVerdict Pass(string output = "") => new(CheckStatus.Pass, [], output);

    public static CheckVerdict Fail(IReadOnlyList<Finding> findings, string output = "") =>
        findings.Count == 0
            ? throw new ArgumentException("a failed check must say what it found", nameof(findings))
            : new(CheckStatus.Fail, findings, output);

    /// <summary>The check could not look; <paramref name="condition"/> is usually the check's own id.</summary>
    public static CheckVerdict Error(string condition, string problem, string output = "") =>
        new(CheckStatus.Error, [new Finding(condition, problem, "a working check")], output);

    /// <summary>Pass when nothing was found, otherwise Fail with the findings.</summary>
    public static CheckVerdict From(IReadOnlyList<Finding> findings, string output = "") =>
        findings.Count == 0 ? Pass(output) : Fail(findings, output);
}
