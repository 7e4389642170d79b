namespace HpcMaint.Core.Health;

/// <summary>One check's verdict from one health run, with how long it took.</summary>
public sealed record CheckResult(CheckDefinition Definition, CheckVerdict Verdict, TimeSpan Duration)
{
    public string Name => Definition.Name;

    public bool Passed => Verdict.Status == CheckStatus.Pass;
}
