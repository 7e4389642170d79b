using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Whether a new plan may start, and on which nodes: the input makes sense, the hidden partition exists
/// (job strategy), and no node is still in another open plan (two plans on one node would rebuild it twice).
/// </summary>
public static class RebuildStartRules
{
    /// <summary>What is wrong with the input, or null.</summary>
    public static string? InputProblem(RebuildInput input) =>
        (input.Partition is null) == (input.Nodes is null) ? "give exactly one of --partition and --nodes"
        : input.WhatIf && input.DryRun ? "give one of --what-if (the whole run predicted) and --dry-run (the first pass as decided now)"
        : input.Kind == PlanKind.Reboot && input.Image is not null ? "--image: hpcmaint reboot changes no image; use hpcmaint rebuild --image"
        : input.Kind == PlanKind.Rebuild && string.IsNullOrWhiteSpace(input.Image) ? "--image is required (the image the nodes must end on)"
        : input.Image is not null && SlurmNames.ImageNameProblem(input.Image) is { } imageProblem ? "--image " + imageProblem
        : input.MaxDown is < 1 or > 100 ? $"--max-down {input.MaxDown}: write a percentage from 1 to 100"
        : input.MaxDownPerSwitch is { } perSwitch && DownLimit.TryParse(perSwitch, out var perSwitchProblem) is null ? "--max-down-per-switch " + perSwitchProblem
        : input.MaxFailures < 0 ? $"--max-failures {input.MaxFailures}: write how many failed nodes to tolerate (0 halts at the first)"
        : input.Nodes is not null && !Hostlist.TryExpand(input.Nodes, out _, out var error) ? $"--nodes: {error}"
        : input.Partition is not null && PartitionSelection.Problem(input.Partition) is { } partitionProblem ? $"--partition '{input.Partition}': {partitionProblem}"
        : input.Gate is { } gate && string.IsNullOrWhiteSpace(gate[0]) ? "--gate: the first word is the program to run; it cannot be empty"
        : input.SbatchOptions.Count > 0 && input.Strategy != RebuildStrategy.Job ? $"--sbatch-option: --strategy {input.Strategy.ToString().ToLowerInvariant()} submits no job; sbatch options go with --strategy job"
        : input.TerminatePreemptable && input.Strategy != RebuildStrategy.Reservation ? $"--terminate-preemptable: --strategy {input.Strategy.ToString().ToLowerInvariant()} makes no reservation; preemptable jobs are requeued only with --strategy reservation"
        : input.MaxAttempts < 1 ? $"--max-attempts {input.MaxAttempts}: write how many reboots to try per node (1 or more)"
        : input.RebootTimeoutSeconds < 1 ? $"--reboot-timeout {input.RebootTimeoutSeconds}: write the seconds one reboot may take (1 or more)"
        : input.SbatchOptions.Select(SbatchOptionRules.Problem).FirstOrDefault(p => p is not null);

    /// <summary>The nodes asked for (a hostlist, or the members of partitions); names that match nothing go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<string> Nodes(RebuildInput input, ClusterView view, List<string> problems)
    {
        if (input.Nodes is not null)
        {
            return Hostlist.Expand(input.Nodes).Distinct(StringComparer.Ordinal).ToArray();
        }

        var members = PartitionSelection.Nodes(view, PartitionSelection.Parse(input.Partition!), out var missing);
        problems.AddRange(missing);
        return members;
    }

    /// <summary>The request a valid input makes for <paramref name="nodes"/>, with the selection in words for the plan.</summary>
    public static RebuildRequest Request(RebuildInput input, IReadOnlyList<string> nodes)
    {
        var selection = input.Partition is not null ? "--partition " + string.Join(',', PartitionSelection.Parse(input.Partition)) : "--nodes " + input.Nodes;
        return new RebuildRequest(nodes, input.Image ?? string.Empty, input.Strategy, input.MaxDown, selection)
        {
            Kind = input.Kind,
            MaxAttempts = input.MaxAttempts,
            TerminatePreemptable = input.TerminatePreemptable,
            RebootTimeout = TimeSpan.FromSeconds(input.RebootTimeoutSeconds),
            Gate = input.Gate,
            SbatchOptions = input.SbatchOptions,
            MaxFailures = input.MaxFailures,
            MaxDownPerSwitch = input.MaxDownPerSwitch is { } perSwitch ? DownLimit.TryParse(perSwitch, out _) : null,
        };
    }

    /// <summary>Rebuild jobs go to [rebuild] partition: it must exist.</summary>
    public static IEnumerable<string> PartitionProblems(IReadOnlyList<Partition> partitions, RebuildSettings settings) =>
        partitions.Any(p => p.Name == settings.Partition)
            ? []
            : [$"there is no partition {settings.Partition} for rebuild jobs: add the hidden root-only partition of slurm/ to slurm.conf, or set [rebuild] partition"];

    /// <summary>No node in two open plans: each node still unfinished in a stored plan is named with that plan.</summary>
    public static IReadOnlyList<string> Overlaps(IEnumerable<RebuildPlan> stored, IReadOnlyList<string> nodes)
    {
        var wanted = new HashSet<string>(nodes, StringComparer.Ordinal);
        return stored.Where(p => p.IsResumable)
            .Select(open => (open, shared: open.Nodes.Where(n => !n.Step.IsFinished() && wanted.Contains(n.Name)).Select(n => n.Name).ToArray()))
            .Where(o => o.shared.Length > 0)
            .Select(o => $"plan {o.open.Id} ({o.open.Target}) is still running for {Hostlist.Compress(o.shared)}: `{o.open.Verb} resume {o.open.Id}` or `{o.open.Verb} cancel {o.open.Id}` first")
            .ToArray();
    }
}
