using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// Consecutive failing runs per (check, condition). A condition that passes, or is not seen, starts
/// again from zero: strikes count a fault that persists, not one that flickers once a day.
/// </summary>
public sealed class StrikeBook
{
    public static readonly StrikeBook Empty = new(new Dictionary<string, int>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, int> counts;

    public StrikeBook(IReadOnlyDictionary<string, int> counts) => this.counts = counts;

    public IReadOnlyDictionary<string, int> Counts => counts;

    public static string Key(string check, string condition) => check + "|" + condition;

    public int Of(string check, string condition) => counts.GetValueOrDefault(Key(check, condition));

    /// <summary>The book after one more run: every failing finding of a counted check gains a strike.</summary>
    public StrikeBook After(IEnumerable<CheckResult> results)
    {
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Passed || result.Definition.Priority.Class == PriorityClass.MustIgnore)
            {
                continue;
            }

            foreach (var finding in result.Verdict.Findings)
            {
                var key = Key(result.Name, finding.Condition);
                next[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return new StrikeBook(next);
    }
}
