using HpcMaint.Adapters.Json;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>`hpcmaint rebuild --partition|--nodes … --image …` (or `hpcmaint reboot`, no image): asks the flow for the plan, then runs it (or prints the dry run).</summary>
internal static class RebuildStart
{
    public static async Task<int> RunAsync(CliEnvironment env, CommonInput common, RebuildInput input, CancellationToken ct)
    {
        if (RebuildStartRules.InputProblem(input) is { } problem)
        {
            env.Error.WriteLine($"{common.Verb}: {problem}");
            return ExitCodes.BadInput;
        }

        return await RebuildVerbs.WithFlowAsync(env, common, async (flow, _) =>
        {
            var draft = await flow.DraftAsync(input, ct).ConfigureAwait(false);
            if (!draft.IsSuccess)
            {
                foreach (var line in draft.Problem!.Words.Split('\n'))
                {
                    env.Error.WriteLine($"{common.Verb}: {line}");
                }

                if (draft.Problem.Kind != ProblemKind.Invalid)
                {
                    return ExitCodes.Failed;
                }

                env.Error.WriteLine("nothing was done.");
                return ExitCodes.BadInput;
            }

            if (input.WhatIf)
            {
                WhatIf(env, common, draft.Value.Plan, flow.WhatIf(draft.Value));
                return ExitCodes.Ok;
            }

            if (input.DryRun)
            {
                DryRun(env, common, flow.DryRun(draft.Value));
                return ExitCodes.Ok;
            }

            var view = RebuildVerbs.Progress(env, common);
            var ended = await flow.StartAsync(draft.Value, view, ct).ConfigureAwait(false);
            if (!ended.IsSuccess)
            {
                env.Error.WriteLine($"{common.Verb}: {ended.Problem}");
                return ExitCodes.Failed;
            }

            return RebuildVerbs.Finished(env, view, ended.Value);
        }).ConfigureAwait(false);
    }

    private static void WhatIf(CliEnvironment env, CommonInput common, RebuildPlan plan, Prediction prediction)
    {
        if (!common.Json)
        {
            WhatIfTable.Write(env.Out, plan, prediction);
            return;
        }

        JsonText.WriteDocument(env.Out, j =>
        {
            j.WriteStartObject();
            j.WriteBoolean("what_if", true);
            j.WriteString("selection", plan.Selection);
            j.WriteString("kind", plan.Kind.ToString().ToLowerInvariant());
            j.WriteString("strategy", plan.Strategy.ToString().ToLowerInvariant());
            j.WriteNumber("max_down_percent", plan.MaxDownPercent);
            j.WritePropertyName("prediction");
            PredictionJson.Write(j, prediction);
            j.WriteEndObject();
        });
    }

    private static void DryRun(CliEnvironment env, CommonInput common, RebuildTurn turn)
    {
        if (!common.Json)
        {
            PlanTable.WriteDryRun(env.Out, turn);
            return;
        }

        JsonText.WriteDocument(env.Out, j =>
        {
            j.WriteStartObject();
            j.WriteBoolean("dry_run", true);
            j.WritePropertyName("plan");
            RebuildPlanJson.Write(j, turn.Plan);
            j.WriteStartArray("budgets");
            foreach (var b in turn.Decision.Budgets)
            {
                j.WriteStartObject();
                j.WriteString("partition", b.Partition);
                j.WriteNumber("total", b.Total);
                j.WriteNumber("limit", b.Limit);
                j.WriteNumber("out_after_first_pass", b.Unavailable.Count);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("switch_budgets");
            foreach (var b in turn.Decision.SwitchBudgets)
            {
                j.WriteStartObject();
                j.WriteString(b.Domain.Kind == Core.Slurm.TopologyKind.Block ? "block" : "switch", b.Name);
                j.WriteNumber("total", b.Total);
                j.WriteNumber("limit", b.Limit);
                j.WriteNumber("out_after_first_pass", b.Unavailable.Count);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        });
    }
}
