namespace HpcMaint.Core.Health;

/// <summary>What one check concluded: its status, what it found, and the raw output worth showing a person.</summary>
public sealed record CheckVerdict(CheckStatus Status, IReadOnlyList<Finding> Findings, string Output)
{
    /// <summary>Longest text of a finding's parts: a whole drain reason holds 200 characters.</summary>
    public const int MaxFindingLength = 160;

    /// <summary>Longest output kept for a person (notification, journal).</summary>
    public const int MaxOutputLength = 4000;

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

    /// <summary>
    /// This verdict with every text printable and bounded (<see cref="PrintableText"/>), as it must be before it
    /// reaches Slurm, the journal, metrics or a notification: tools print NULs, escape sequences and megabytes.
    /// </summary>
    public CheckVerdict Printable() => this with
    {
        Findings = Findings.Select(f => f with
        {
            Condition = PrintableText.Line(f.Condition, MaxFindingLength),
            Actual = PrintableText.Line(f.Actual, MaxFindingLength),
            Expected = PrintableText.Line(f.Expected, MaxFindingLength),
        }).ToArray(),
        Output = PrintableText.Block(Output, MaxOutputLength),
    };
}
