
namespace HpcMaint.Adapters.Health;

/// <summary>`hpcmaint-health --once`: one line per check, then what was (or would be) done.</summary>
public static class HealthRunText
{
    public static void Write(HealthRunReport report, TextWriter output)
    {
        output.WriteLine($"node {report.Node}: {report.Results.Count} checks in {(int)report.Duration.TotalMilliseconds} ms");
        var width = report.Results.Count == 0 ? 5 : report.Results.Max(r => r.Name.Length);
        foreach (var r in report.Results)
        {
            var status = r.Verdict.Status.ToString().ToUpperInvariant();
            var detail = string.Join("; ", r.Verdict.Findings.Select(f =>
                $"{f.Condition}: {f.Actual} vs {f.Expected} (strike {report.Plan.Strikes.Of(r.Name, f.Condition)}/{r.Definition.Strikes}{(f.Critical ? ", critical" : string.Empty)})"));
            output.WriteLine($"  {r.Name.PadRight(width)}  {status,-5}  {r.Duration.TotalMilliseconds,6:0.0} ms  {detail}".TrimEnd());
        }

        if (!report.SlurmAsked)
        {
            output.WriteLine("slurmctld: not asked (everything passes and nothing of hpcmaint's is open on this node)");
        }
        else if (!report.SlurmAnswered)
        {
            output.WriteLine("slurmctld: no answer; nothing done");
        }

        if (report.JournalProblemText is { } journal)
        {
            output.WriteLine("NOTHING DONE: " + journal);
        }

        foreach (var o in report.Outcomes)
        {
            var prefix = report.DryRun ? "would " : o.Carried ? "done: " : "FAILED: ";
            output.WriteLine($"{prefix}{o.Action.Describe()}{(o.Error is null ? string.Empty : " — " + o.Error)}");
        }

        foreach (var note in report.Plan.Notes)
        {
            output.WriteLine($"note: {note}");
        }
    }
}
