using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Cloud;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// The rolling rebuild, built once from the config: make a plan (the core judges the request), show its
/// dry run, run it to its end (<see cref="RebuildLoop"/>), resume it, cancel it. The CLI parses, calls one
/// of these, and prints; every decision is the core's, every action goes to the audit journal.
/// </summary>
public sealed class RebuildFlow : IDisposable
{
    private readonly RebuildSettings settings;
    private readonly RecordField recordField;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly ProcessRunner runner;
    private readonly SlurmClient slurm;
    private readonly RebuildPlanStore store;
    private readonly AuditJournal audit;
    private readonly INodeImageSource images;
    private readonly ClusterReader reader;
    private readonly PlanMetrics metrics;

    private RebuildFlow(HpcMaintConfig config, INodeImageSource images, TimeProvider time, ILogger log)
    {
        settings = config.Rebuild;
        recordField = config.Health.RecordField;
        this.time = time;
        this.log = log;
        this.images = images;
        runner = new ProcessRunner(time);
        slurm = new SlurmClient(new SlurmCommands(config.Slurm), runner);
        store = new RebuildPlanStore(config.Rebuild.StateDir);
        audit = new AuditJournal(config.Audit.Journal);
        reader = new ClusterReader(slurm, images, time, config.Health.RecordField, slurm);
        metrics = new PlanMetrics(config.Rebuild.MetricsFile, time);
    }

    /// <summary>The flow, or why not: a state directory others can write (plans say what runs as root: their gate), an image source that cannot be opened.</summary>
    public static Result<RebuildFlow> Open(HpcMaintConfig config, TimeProvider time, ILogger log)
    {
        if (new RebuildPlanStore(config.Rebuild.StateDir).TrustProblem() is { } untrusted)
        {
            return Problem.Invalid("[rebuild] state_dir: " + untrusted);
        }

        var images = CloudProviders.ImageSource(config, time);
        return images.IsSuccess ? new RebuildFlow(config, images.Value, time, log) : images.Problem!;
    }

    /// <summary>
    /// Reads the cluster and makes the plan the input asks for, or says why not: every problem found
    /// (Invalid, one per line), or the cluster could not be read (Failed).
    /// </summary>
    public async Task<Result<PlanDraft>> DraftAsync(RebuildInput input, CancellationToken ct)
    {
        if (RebuildStartRules.InputProblem(input) is { } invalid)
        {
            return Problem.Invalid(invalid);
        }

        var start = time.GetTimestamp();
        var read = await reader.ReadAsync(ct, withTopology: input.MaxDownPerSwitch is not null, withPreemption: input.Strategy == RebuildStrategy.Reservation).ConfigureAwait(false);
        var took = time.GetElapsedTime(start);
        if (!read.IsSuccess)
        {
            return Problem.Failed("cannot read the cluster: " + read.Problem!.Words);
        }

        var view = read.Value;
        var problems = new List<string>();
        var nodes = RebuildStartRules.Nodes(input, view, problems);
        if (input.Strategy == RebuildStrategy.Job)
        {
            var partitions = await slurm.GetPartitionsAsync(ct).ConfigureAwait(false);
            problems.AddRange(partitions.IsSuccess ? RebuildStartRules.PartitionProblems(partitions.Value, settings) : [$"cannot read the partitions: {partitions.Error}"]);
        }

        problems.AddRange(RebuildStartRules.Overlaps(store.All(), nodes));
        var id = input.DryRun ? "dry-run" : input.WhatIf ? "what-if" : store.NewId(view.Now);
        var plan = PlanFactory.Create(id, RebuildStartRules.Request(input, nodes), view, settings, out var planProblems);
        problems.AddRange(planProblems);
        return problems.Count > 0 ? Problem.Invalid(string.Join('\n', problems)) : new PlanDraft(plan, view) { ReadTook = took };
    }

    /// <summary>The first pass, decided on the reading the plan was made from (no second read of the cluster), journalled as a dry run.</summary>
    public RebuildTurn DryRun(PlanDraft draft)
    {
        var decided = time.GetTimestamp();
        var turn = RebuildStepper.Next(draft.Plan, draft.View, settings);
        PassTiming.Log(log, draft.ReadTook, reader.ImageSourceName, draft.View.Nodes.Count, time.GetElapsedTime(decided), turn);
        var journal = new RebuildJournal(audit, time, dryRun: true);
        journal.PlanMade(draft.Plan, turn.Decision.Budgets);
        foreach (var change in turn.Changes)
        {
            journal.Change(turn.Plan, change, turn.Decision.Budgets);
        }

        return turn;
    }

    /// <summary>
    /// `--what-if`: the whole run predicted on the reading the plan was made from (<see cref="WhatIfPlanner"/>),
    /// each node's reboot taking what its earlier reboots in the stored plans took (<see cref="RebootHistory"/>),
    /// else the plan's --reboot-timeout. Sends nothing, saves nothing.
    /// </summary>
    public Prediction WhatIf(PlanDraft draft, int nodePasses = WhatIfPlanner.Asked)
    {
        var plan = draft.Plan;
        var fallback = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--reboot-timeout {plan.RebootTimeout.TotalSeconds:0} s");
        var estimates = RebootHistory.Estimates(store.All(), plan.Nodes.Select(n => n.Name), plan.RebootTimeout, fallback);
        return WhatIfPlanner.Predict(plan, draft.View, settings, estimates, nodePasses);
    }

    /// <summary>
    /// Holds the new plan, saves it with its prediction (for `status`: predicted against actual) and journals
    /// it, then runs it to its end; a problem when another process holds its id.
    /// </summary>
    public async Task<Result<RebuildEnd>> StartAsync(PlanDraft draft, IRebuildProgress progress, CancellationToken ct)
    {
        using var held = store.TryLock(draft.Plan.Id);
        if (held is null)
        {
            return new Problem(ProblemKind.Refused, $"plan {draft.Plan.Id} is locked by another hpcmaint");
        }

        var plan = draft.Plan with { Prediction = WhatIf(draft, WhatIfPlanner.AtStart) };
        store.Save(plan);
        new RebuildJournal(audit, time, dryRun: false).PlanMade(plan, BudgetLedger.Build(plan, draft.View, settings).Values);
        return await RunAsync(plan, "made", progress, ct).ConfigureAwait(false);
    }

    /// <summary>A stored plan (see <see cref="RebuildPlanStore.Find"/>).</summary>
    public Result<RebuildPlan> Find(string? id, bool openOnly, PlanKind kind) => store.Find(id, openOnly, kind);

    /// <summary>
    /// Holds a stored plan for this process and reads it again under the lock (its last runner may have
    /// saved it since); a problem when another process runs it.
    /// </summary>
    public Result<HeldPlan> Hold(RebuildPlan plan)
    {
        var held = store.TryLock(plan.Id);
        return held is null
            ? new Problem(ProblemKind.Refused, $"plan {plan.Id} is being run by another hpcmaint")
            : new HeldPlan(store.Load(plan.Id, out _) ?? plan, held);
    }

    /// <summary>
    /// Resumes a held plan as <see cref="PlanResumption"/> decides, the nodes of <paramref name="exclude"/>
    /// (a hostlist) taken out first (<see cref="PlanExclusion"/>: all or nothing), then runs it to its end; with
    /// <paramref name="admissionClosed"/> (the service's maintenance windows), no node starts while it says why not.
    /// </summary>
    public async Task<Result<RebuildEnd>> ResumeAsync(
        HeldPlan held, int? maxFailures, bool retryFailed, IRebuildProgress progress, CancellationToken ct, Func<DateTimeOffset, string?>? admissionClosed = null, string? exclude = null)
    {
        var found = held.Plan;
        var now = time.GetUtcNow();
        var resumed = PlanResumption.Decide(found, maxFailures, retryFailed, now);
        if (!resumed.IsSuccess)
        {
            return resumed.Problem!;
        }

        var plan = resumed.Value;
        IReadOnlyList<NodeChange> excluded = [];
        if (exclude is not null)
        {
            var exclusion = PlanExclusion.Apply(plan, exclude, now);
            if (!exclusion.IsSuccess)
            {
                return exclusion.Problem!;
            }

            (plan, excluded) = exclusion.Value;
        }

        if (plan != found)
        {
            store.Save(plan);
        }

        var journal = new RebuildJournal(audit, time, dryRun: false);
        foreach (var change in excluded)
        {
            journal.Change(plan, change, []);
            progress.Change(change);
        }

        journal.Resumed(plan, found);
        return await RunAsync(plan, PlanResumption.How(found, retryFailed) + (excluded.Count > 0 ? $", {excluded.Count} node(s) excluded" : string.Empty), progress, ct, admissionClosed).ConfigureAwait(false);
    }

    /// <summary>
    /// What resuming the plan would do now, decided on a fresh reading and sent nowhere (the service's
    /// monitor-only pass): the turn, or why the cluster could not be read.
    /// </summary>
    public async Task<Result<RebuildTurn>> PreviewAsync(RebuildPlan plan, string? admissionClosed, CancellationToken ct)
    {
        var read = await reader.ReadAsync(ct).ConfigureAwait(false);
        return read.IsSuccess
            ? RebuildStepper.Next(plan, read.Value, settings, admissionClosed)
            : Problem.Failed("cannot read the cluster: " + read.Problem!.Words);
    }

    /// <summary>Cancels a held plan (<see cref="PlanCancellation"/>): the cancelled plan, and the metrics file's problem.</summary>
    public Task<(RebuildPlan Plan, string? MetricsProblem)> CancelAsync(HeldPlan held, CancellationToken ct) =>
        new PlanCanceller(slurm, slurm, slurm, slurm, store, metrics, new RebuildJournal(audit, time, dryRun: false), settings, time).CancelAsync(held.Plan, ct);

    public void Dispose() => (images as IDisposable)?.Dispose();

    /// <summary>Runs the plan until every node is finished; a stop (SIGTERM, Ctrl-C) leaves it resumable.</summary>
    private async Task<RebuildEnd> RunAsync(RebuildPlan plan, string how, IRebuildProgress progress, CancellationToken ct, Func<DateTimeOffset, string?>? admissionClosed = null)
    {
        var journal = new RebuildJournal(audit, time, dryRun: false);
        progress.Started(plan, how);
        try
        {
            var loop = new RebuildLoop(
                slurm, slurm, slurm, reader, store, metrics, journal, new GateRunner(runner, settings), new FailedNodeDrainer(slurm, slurm, slurm, recordField, time), settings, time, log)
            {
                AdmissionClosed = admissionClosed ?? (_ => null),
            };
            return new RebuildEnd(await loop.RunAsync(plan, progress, ct).ConfigureAwait(false), Stopped: false, JournalProblem: null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var saved = store.Load(plan.Id, out _) ?? plan;
            try
            {
                journal.Stopped(saved, progress.LeftBecause);
                return new RebuildEnd(saved, Stopped: true, JournalProblem: null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new RebuildEnd(saved, Stopped: true, JournalProblem: "cannot write the audit journal: " + e.Message);
            }
        }
    }
}
