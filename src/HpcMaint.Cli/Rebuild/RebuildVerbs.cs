using HpcMaint.Adapters.Json;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>status, resume and cancel of a persisted plan (the start of a new one is <see cref="RebuildStart"/>): each parses, calls the flow, prints.</summary>
internal static class RebuildVerbs
{
    public static Task<int> StartAsync(CliEnvironment env, CommonInput common, RebuildInput input, CancellationToken ct) =>
        RebuildStart.RunAsync(env, common, input, ct);

    public static Task<int> StatusAsync(CliEnvironment env, CommonInput common, string? id, CancellationToken ct)
    {
        if (!CliConfig.TryLoad(env, common.ConfigPath, out var config))
        {
            return Task.FromResult(ExitCodes.BadInput);
        }

        var plan = new RebuildPlanStore(config.Rebuild.StateDir).Find(id, openOnly: false, common.Kind);
        if (!plan.IsSuccess)
        {
            env.Error.WriteLine($"{common.Verb} status: {plan.Problem}");
            return Task.FromResult(ExitCodes.Failed);
        }

        Show(env, common, plan.Value);
        return Task.FromResult(ExitCodes.Ok);
    }

    public static Task<int> ResumeAsync(CliEnvironment env, CommonInput common, string? id, int? maxFailures, bool retryFailed, string? exclude, CancellationToken ct) =>
        WithHeldPlanAsync(env, common, id, "resume", "nothing was done", openOnly: !retryFailed, async (flow, held) =>
        {
            var view = Progress(env, common);
            var ended = await flow.ResumeAsync(held, maxFailures, retryFailed, view, ct, exclude: exclude).ConfigureAwait(false);
            if (!ended.IsSuccess)
            {
                env.Error.WriteLine($"{common.Verb} resume: {ended.Problem}");
                return ended.Problem!.Kind == ProblemKind.Invalid ? ExitCodes.BadInput : ExitCodes.Failed;
            }

            return Finished(env, view, ended.Value);
        });

    public static Task<int> CancelAsync(CliEnvironment env, CommonInput common, string? id, CancellationToken ct) =>
        WithHeldPlanAsync(env, common, id, "cancel", "stop it first (Ctrl-C), then cancel", openOnly: true, async (flow, held) =>
        {
            var (plan, metricsProblem) = await flow.CancelAsync(held, ct).ConfigureAwait(false);
            if (metricsProblem is not null)
            {
                env.Error.WriteLine($"{common.Verb} cancel: " + metricsProblem);
            }

            Show(env, common, plan);
            return ExitCodes.Ok;
        });

    public static ProgressView Progress(CliEnvironment env, CommonInput common) =>
        new(env.Out, common.Json, env.OutputIsTerminal && !common.Json, env.Time);

    /// <summary>Prints how the run ended, through the view that showed it run; exit 0 when no node failed.</summary>
    public static int Finished(CliEnvironment env, ProgressView view, RebuildEnd end)
    {
        var ended = end.Plan;
        if (end.Stopped)
        {
            if (end.JournalProblem is { } problem)
            {
                env.Error.WriteLine($"{ended.Verb}: " + problem);
            }

            view.Finished(ended, $"stopped; jobs already queued carry on. Continue with: {ended.Verb} resume {ended.Id}");
            return ExitCodes.Failed;
        }

        var failed = ended.Count(RebuildStep.Failed);
        view.Finished(
            ended,
            ended.Status == PlanStatus.Halted ? $"{PlanResumption.Halted(ended)}. Look at them (`{ended.Verb} status {ended.Id}`), then `{ended.Verb} resume {ended.Id} --max-failures N` or cancel"
            : failed == 0 ? (ended.ChangesImage ? "every node is on " + ended.Image : "every node rebooted")
            : $"{failed} node(s) failed: see `{ended.Verb} status {ended.Id}`");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Loads the config and opens the flow; exit 2 with the problem printed when either cannot be.</summary>
    public static async Task<int> WithFlowAsync(CliEnvironment env, CommonInput common, Func<RebuildFlow, CliEnvironment, Task<int>> act)
    {
        if (!CliConfig.TryLoad(env, common.ConfigPath, out var config))
        {
            return ExitCodes.BadInput;
        }

        using var logging = CliConfig.Logging(env, config, common.Verbose);
        var flow = RebuildFlow.Open(config, env.Time, logging.CreateLogger(common.Verb));
        if (!flow.IsSuccess)
        {
            env.Error.WriteLine($"{common.Verb}: " + flow.Problem);
            return ExitCodes.BadInput;
        }

        using (flow.Value)
        {
            return await act(flow.Value, env).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finds the open plan and holds it (another runner has it: <paramref name="busy"/> says what to do);
    /// the flow reads it again under the lock.
    /// </summary>
    private static Task<int> WithHeldPlanAsync(
        CliEnvironment env, CommonInput common, string? id, string verb, string busy, bool openOnly, Func<RebuildFlow, HeldPlan, Task<int>> act) =>
        WithFlowAsync(env, common, async (flow, _) =>
        {
            var plan = flow.Find(id, openOnly, common.Kind);
            if (!plan.IsSuccess)
            {
                env.Error.WriteLine($"{common.Verb} {verb}: {plan.Problem}");
                return ExitCodes.Failed;
            }

            var held = flow.Hold(plan.Value);
            if (!held.IsSuccess)
            {
                env.Error.WriteLine($"{common.Verb} {verb}: {held.Problem}; {busy}");
                return ExitCodes.Failed;
            }

            using (held.Value)
            {
                return await act(flow, held.Value).ConfigureAwait(false);
            }
        });

    private static void Show(CliEnvironment env, CommonInput common, RebuildPlan plan)
    {
        if (common.Json)
        {
            JsonText.WriteDocument(env.Out, j => RebuildPlanJson.Write(j, plan));
        }
        else
        {
            PlanTable.Write(env.Out, plan, env.Time.GetUtcNow());
        }
    }
}
