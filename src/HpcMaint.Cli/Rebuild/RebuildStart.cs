using HpcMaint.Adapters.Json;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Cli.Rebuild;

/// <summary>`hpcmaint rebuild --partition|--nodes … --image …`: checks, makes the plan, runs it (or shows the dry run).</summary>
internal static class RebuildStart
{
    private const string Verb = "hpcmaint rebuild";

    public static async Task<int> RunAsync(CliEnvironment env, CommonInput common, RebuildInput input, CancellationToken ct)
    {
        if (Validate(input) is { } problem)
        {
            env.Error.WriteLine($"{Verb}: {problem}");
            return ExitCodes.BadInput;
        }

        if (!RebuildVerbs.TryContext(env, common, out var context))
        {
            return ExitCodes.BadInput;
        }

        using (context)
        {
            var (view, error, _) = await context.Reader.ReadAsync(ct).ConfigureAwait(false);
            if (view is null)
            {
                env.Error.WriteLine($"{Verb}: cannot read the cluster: {error}");
                return ExitCodes.Failed;
            }

            var problems = new List<string>();
            var nodes = SelectNodes(input, view, problems);
            if (input.Strategy == RebuildStrategy.Job)
            {
                problems.AddRange(await CheckPartitionAsync(context, ct).ConfigureAwait(false));
            }

            problems.AddRange(Overlaps(context.Store, nodes));
            var selection = input.Partition is not null ? "--partition " + string.Join(',', PartitionSelection.Parse(input.Partition)) : "--nodes " + input.Nodes;
            var request = new RebuildRequest(nodes, input.Image!, input.Strategy, input.MaxDown, selection)
            {
                Gate = input.Gate,
                SbatchOptions = input.SbatchOptions,
                MaxFailures = input.MaxFailures,
            };
            var id = input.DryRun ? "dry-run" : context.Store.NewId(view.Now);
            var plan = PlanFactory.Create(id, request, view, context.Settings, out var planProblems);
            problems.AddRange(planProblems);
            if (problems.Count > 0)
            {
                foreach (var p in problems)
                {
                    env.Error.WriteLine($"{Verb}: {p}");
                }

                env.Error.WriteLine("nothing was done.");
                return ExitCodes.BadInput;
            }

            return input.DryRun
                ? DryRun(context, common, plan, view)
                : await StartAsync(context, common, plan, view, ct).ConfigureAwait(false);
        }
    }

    private static string? Validate(RebuildInput input) =>
        (input.Partition is null) == (input.Nodes is null) ? "give exactly one of --partition and --nodes"
        : string.IsNullOrWhiteSpace(input.Image) ? "--image is required (the image the nodes must end on)"
        : SlurmNames.ImageNameProblem(input.Image) is { } imageProblem ? "--image " + imageProblem
        : input.MaxDown is < 1 or > 100 ? $"--max-down {input.MaxDown}: write a percentage from 1 to 100"
        : input.MaxFailures < 0 ? $"--max-failures {input.MaxFailures}: write how many failed nodes to tolerate (0 halts at the first)"
        : input.Nodes is not null && !Hostlist.TryExpand(input.Nodes, out _, out var error) ? $"--nodes: {error}"
        : input.Partition is not null && PartitionSelection.Problem(input.Partition) is { } partitionProblem ? $"--partition '{input.Partition}': {partitionProblem}"
        : input.Gate is { } gate && string.IsNullOrWhiteSpace(gate[0]) ? "--gate: the first word is the program to run; it cannot be empty"
        : input.SbatchOptions.Count > 0 && input.Strategy == RebuildStrategy.Drain ? "--sbatch-option: --strategy drain submits no job; sbatch options go with --strategy job"
        : input.SbatchOptions.Select(SbatchOptionRules.Problem).FirstOrDefault(p => p is not null);

    private static IReadOnlyList<string> SelectNodes(RebuildInput input, ClusterView view, List<string> problems)
    {
        if (input.Nodes is not null)
        {
            return Hostlist.Expand(input.Nodes).Distinct(StringComparer.Ordinal).ToArray();
        }

        var members = PartitionSelection.Nodes(view, PartitionSelection.Parse(input.Partition!), out var missing);
        problems.AddRange(missing);
        return members;
    }

    private static async Task<IEnumerable<string>> CheckPartitionAsync(RebuildContext context, CancellationToken ct)
    {
        var partitions = await context.Slurm.GetPartitionsAsync(ct).ConfigureAwait(false);
        if (!partitions.IsSuccess)
        {
            return [$"cannot read the partitions: {partitions.Error}"];
        }

        var name = context.Settings.Partition;
        var rebuild = partitions.Value.FirstOrDefault(p => p.Name == name);
        return rebuild is null
            ? [$"there is no partition {name} for rebuild jobs: add the hidden root-only partition of slurm/ to slurm.conf, or set [rebuild] partition"]
            : [];
    }

    private static IEnumerable<string> Overlaps(RebuildPlanStore store, IReadOnlyList<string> nodes)
    {
        var wanted = new HashSet<string>(nodes, StringComparer.Ordinal);
        foreach (var open in store.All().Where(p => p.IsResumable))
        {
            var shared = open.Nodes.Where(n => !n.Step.IsFinished() && wanted.Contains(n.Name)).Select(n => n.Name).ToArray();
            if (shared.Length > 0)
            {
                yield return $"plan {open.Id} (image {open.Image}) is still running for {Hostlist.Compress(shared)}: `hpcmaint rebuild resume {open.Id}` or `hpcmaint rebuild cancel {open.Id}` first";
            }
        }
    }

    /// <summary>The first pass, decided on the reading the plan was made from (no second read of the cluster).</summary>
    private static int DryRun(RebuildContext context, CommonInput common, RebuildPlan plan, ClusterView view)
    {
        var turn = RebuildStepper.Next(plan, view, context.Settings);
        var journal = new RebuildJournal(context.Audit, context.Time, dryRun: true);
        journal.PlanMade(plan, turn.Decision.Budgets);
        foreach (var change in turn.Changes)
        {
            journal.Change(turn.Plan, change, turn.Decision.Budgets);
        }

        if (common.Json)
        {
            JsonText.WriteDocument(context.Env.Out, j =>
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
                j.WriteEndObject();
            });
        }
        else
        {
            PlanTable.WriteDryRun(context.Env.Out, turn);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> StartAsync(RebuildContext context, CommonInput common, RebuildPlan plan, ClusterView view, CancellationToken ct)
    {
        using var held = context.Store.TryLock(plan.Id);
        if (held is null)
        {
            context.Env.Error.WriteLine($"{Verb}: plan {plan.Id} is locked by another hpcmaint");
            return ExitCodes.Failed;
        }

        context.Store.Save(plan);
        new RebuildJournal(context.Audit, context.Time, dryRun: false).PlanMade(plan, BudgetLedger.Build(plan, view, context.Settings).Values);
        return await RebuildVerbs.RunToEndAsync(context, common, plan, "made", ct).ConfigureAwait(false);
    }
}
