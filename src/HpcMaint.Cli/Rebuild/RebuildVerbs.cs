using HpcMaint.Adapters.Json;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Config;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>status, resume and cancel of a persisted plan; the start of a new one is in <see cref="RebuildStart"/>.</summary>
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

        var store = new RebuildPlanStore(config.Rebuild.StateDir);
        var plan = Find(env, store, id, openOnly: false, "status");
        if (plan is null)
        {
            return Task.FromResult(ExitCodes.Failed);
        }

        Show(env, common, plan);
        return Task.FromResult(ExitCodes.Ok);
    }

    public static Task<int> ResumeAsync(CliEnvironment env, CommonInput common, string? id, int? maxFailures, bool retryFailed, CancellationToken ct) =>
        WithHeldPlanAsync(env, common, id, "resume", "nothing was done", openOnly: !retryFailed, (context, found) =>
        {
            if (maxFailures is < 0)
            {
                env.Error.WriteLine($"hpcmaint rebuild resume: --max-failures {maxFailures}: write how many failed nodes to tolerate");
                return Task.FromResult(ExitCodes.BadInput);
            }

            var plan = retryFailed ? found.RetryingFailed(context.Time.GetUtcNow()) : found;
            if (!plan.IsResumable)
            {
                env.Error.WriteLine($"hpcmaint rebuild resume: plan {plan.Id} is {plan.Status.ToString().ToLowerInvariant()} with no failed node to retry; nothing to do");
                return Task.FromResult(ExitCodes.Failed);
            }

            var resumed = maxFailures is { } limit ? plan.Tolerating(limit) : plan;
            if (resumed.Status == PlanStatus.Halted)
            {
                env.Error.WriteLine(
                    $"hpcmaint rebuild resume: plan {plan.Id} {Halted(resumed)}; look at the failed nodes (`hpcmaint rebuild status {plan.Id}`), "
                    + $"then resume with --max-failures {resumed.Count(RebuildStep.Failed)} or more, or cancel it. Nothing was done.");
                return Task.FromResult(ExitCodes.Failed);
            }

            if (resumed != found)
            {
                context.Store.Save(resumed);
            }

            new RebuildJournal(context.Audit, context.Time, dryRun: false).Resumed(resumed, plan);
            return RunToEndAsync(context, common, resumed, retryFailed ? $"resumed, {found.Count(RebuildStep.Failed)} failed node(s) retried" : "resumed", ct);
        });

    public static Task<int> CancelAsync(CliEnvironment env, CommonInput common, string? id, CancellationToken ct) =>
        WithHeldPlanAsync(env, common, id, "cancel", "stop it first (Ctrl-C), then cancel", openOnly: true, async (context, plan) =>
        {
            var journal = new RebuildJournal(context.Audit, context.Time, dryRun: false);
            Show(env, common, await new PlanCanceller(context, journal).CancelAsync(plan, ct).ConfigureAwait(false));
            return ExitCodes.Ok;
        });

    /// <summary>Runs the plan until every node is finished; Ctrl-C leaves it running for `resume`.</summary>
    public static async Task<int> RunToEndAsync(RebuildContext context, CommonInput common, RebuildPlan plan, string how, CancellationToken ct)
    {
        var env = context.Env;
        var journal = new RebuildJournal(context.Audit, context.Time, dryRun: false);
        var view = new ProgressView(env.Out, common.Json, env.OutputIsTerminal && !common.Json, context.Time);
        view.Started(plan, how);

        try
        {
            var ended = await new RebuildRunner(context, journal, view).RunAsync(plan, ct).ConfigureAwait(false);
            var failed = ended.Count(RebuildStep.Failed);
            view.Finished(
                ended,
                ended.Status == PlanStatus.Halted ? $"{Halted(ended)}. Look at them (`hpcmaint rebuild status {ended.Id}`), then `hpcmaint rebuild resume {ended.Id} --max-failures N` or cancel"
                : failed == 0 ? "every node is on " + ended.Image
                : $"{failed} node(s) failed: see `hpcmaint rebuild status {ended.Id}`");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var saved = context.Store.Load(plan.Id, out _) ?? plan;
            Journal(env, () => journal.Stopped(saved));
            view.Finished(saved, $"stopped; jobs already queued carry on. Continue with: hpcmaint rebuild resume {plan.Id}");
            return ExitCodes.Failed;
        }
    }

    private static void Journal(CliEnvironment env, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            env.Error.WriteLine("hpcmaint rebuild: cannot write the audit journal: " + e.Message);
        }
    }

    private static string Halted(RebuildPlan plan) => $"{plan.HaltReason}; {plan.Count(RebuildStep.Waiting)} not started";

    public static bool TryContext(CliEnvironment env, CommonInput common, out RebuildContext context)
    {
        context = null!;
        if (!CliConfig.TryLoad(env, common.ConfigPath, out var config))
        {
            return false;
        }

        var made = RebuildContext.Create(env, config, common.Verbose, out var problem);
        if (made is null)
        {
            env.Error.WriteLine("hpcmaint rebuild: " + problem);
            return false;
        }

        context = made;
        return true;
    }

    /// <summary>
    /// Finds the open plan, holds its lock (another runner has it: <paramref name="busy"/> says what to do),
    /// and reads it again under the lock, since its last runner may have saved it since.
    /// </summary>
    private static async Task<int> WithHeldPlanAsync(
        CliEnvironment env, CommonInput common, string? id, string verb, string busy, bool openOnly, Func<RebuildContext, RebuildPlan, Task<int>> act)
    {
        if (!TryContext(env, common, out var context))
        {
            return ExitCodes.BadInput;
        }

        using (context)
        {
            var plan = Find(env, context.Store, id, openOnly, verb);
            if (plan is null)
            {
                return ExitCodes.Failed;
            }

            using var held = context.Store.TryLock(plan.Id);
            if (held is null)
            {
                env.Error.WriteLine($"hpcmaint rebuild {verb}: plan {plan.Id} is being run by another hpcmaint; {busy}");
                return ExitCodes.Failed;
            }

            return await act(context, context.Store.Load(plan.Id, out _) ?? plan).ConfigureAwait(false);
        }
    }

    private static void Show(CliEnvironment env, CommonInput common, RebuildPlan plan)
    {
        if (common.Json)
        {
            JsonText.WriteDocument(env.Out, j => RebuildPlanJson.Write(j, plan));
        }
        else
        {
            PlanTable.Write(env.Out, plan);
        }
    }

    private static RebuildPlan? Find(CliEnvironment env, RebuildPlanStore store, string? id, bool openOnly, string verb)
    {
        if (id is not null)
        {
            var plan = store.Load(id, out var problem);
            if (plan is null)
            {
                env.Error.WriteLine($"hpcmaint rebuild {verb}: {problem}");
            }
            else if (openOnly && !plan.IsResumable)
            {
                env.Error.WriteLine($"hpcmaint rebuild {verb}: plan {id} is {plan.Status.ToString().ToLowerInvariant()}; nothing to do");
                return null;
            }

            return plan;
        }

        var latest = store.All().LastOrDefault(p => !openOnly || p.IsResumable);
        if (latest is null)
        {
            env.Error.WriteLine($"hpcmaint rebuild {verb}: no {(openOnly ? "running or halted " : string.Empty)}plan in {store.Directory}");
        }

        return latest;
    }
}
