using System.Globalization;
using System.Text;

namespace HpcMaint.Core.Rebuild;

/// <summary>A plan's progress in one line: "3 done, 1 in flight, 4 waiting, 1 failed of 9".</summary>
public static class PlanSummary
{
    public static string Of(RebuildPlan plan)
    {
        var inFlight = plan.Nodes.Count(n => n.Step.IsInFlight());
        var parts = new StringBuilder();
        parts.Append(CultureInfo.InvariantCulture, $"{plan.Count(RebuildStep.Done)} done, {inFlight} in flight, {plan.Count(RebuildStep.Waiting)} waiting");
        foreach (var step in new[] { RebuildStep.Skipped, RebuildStep.Failed, RebuildStep.Cancelled, RebuildStep.Excluded })
        {
            if (plan.Count(step) > 0)
            {
                parts.Append(CultureInfo.InvariantCulture, $", {plan.Count(step)} {step.Text()}");
            }
        }

        return parts.Append(CultureInfo.InvariantCulture, $" of {plan.Nodes.Count}").ToString();
    }
}
