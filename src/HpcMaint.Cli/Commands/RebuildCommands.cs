using System.CommandLine;
using HpcMaint.Cli.Rebuild;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint rebuild --partition P[,P…] | --nodes LIST --image IMG [--max-down 25] [--max-down-per-switch N|N%] [--strategy job|drain|reservation]
/// [--max-attempts 3] [--reboot-timeout 600]
/// [--gate=WORD]… [--sbatch-option=OPT]… [--dry-run | --what-if]` and `hpcmaint rebuild status|resume|cancel [PLAN]`;
/// `hpcmaint reboot` is the same without --image: a rolling reboot, on the same engine and plan store.
/// </summary>
public static class RebuildCommands
{
    public static Command Create(CliEnvironment env, GlobalOptions options) => Create(env, options, PlanKind.Rebuild);

    public static Command Create(CliEnvironment env, GlobalOptions options, PlanKind kind)
    {
        var doing = kind == PlanKind.Reboot ? "Reboot" : "Rebuild";
        var partition = new Option<string?>("--partition", "-p") { Description = doing + " every node of these partitions (comma-separated, e.g. batch,gpu)" };
        var nodes = new Option<string?>("--nodes", "-w") { Description = doing + " these nodes (a hostlist, e.g. gpu[001-016])" };
        var image = new Option<string?>("--image") { Description = "The image the nodes must end on (nodes already on it are skipped)" };
        var maxDown = new Option<int>("--max-down") { Description = "At most this % of any affected partition out of service at once", DefaultValueFactory = _ => 25 };
        var maxDownPerSwitch = new Option<string?>("--max-down-per-switch")
        {
            Description = "Also at most N nodes (or N%) of any leaf switch or block (scontrol show topology) out of service at once",
        };
        var strategy = new Option<string>("--strategy")
        {
            Description = "job: one --reboot job per node in the rebuild partition; drain: drain, scontrol reboot, gate, resume; "
                + "reservation: a MAINT reservation per node from its last job's end, scontrol reboot once idle in it, gate, reservation deleted",
            DefaultValueFactory = _ => "job",
        };
        strategy.AcceptOnlyFromAmong("job", "drain", "reservation");
        var maxAttempts = new Option<int>("--max-attempts")
        {
            Description = "--strategy reservation: reboots tried per node before it fails (drained with a ticket)",
            DefaultValueFactory = _ => RebuildPlan.DefaultMaxAttempts,
        };
        var rebootTimeout = new Option<int>("--reboot-timeout")
        {
            Description = "--strategy reservation: seconds one reboot may take, from the request to the node back up, before it is tried again",
            DefaultValueFactory = _ => (int)RebuildPlan.DefaultRebootTimeout.TotalSeconds,
        };
        var terminatePreemptable = new Option<bool>("--terminate-preemptable")
        {
            Description = "--strategy reservation: a node's reservation does not wait for its preemptable jobs; once it has started they are "
                + "requeued (scontrol requeue, never scancel; a refused job is waited for). Preemptable: with PreemptType=preempt/partition_prio, "
                + "jobs of a partition with PreemptMode not OFF under a higher PriorityTier on that node; always, and only under preempt/qos or "
                + "preempt/none, those of [rebuild] preemptable_partitions",
        };
        var gate = new Option<string[]>("--gate")
        {
            Description = "One word of this plan's gate, in order, replacing [rebuild] gate: --gate=/usr/sbin/hpcmaint --gate=verify (with =, a word starting with - stays a word)",
        };
        var sbatchOption = new Option<string[]>("--sbatch-option")
        {
            Description = "Add this option to every rebuild job's sbatch, written with = twice: --sbatch-option=--time=30 (repeat it for more)",
        };
        var maxFailures = MaxFailuresOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the first pass would do now, node by node, with the budget arithmetic; change nothing" };
        var whatIf = new Option<bool>("--what-if")
        {
            Description = "Predict the whole run instead: the waves, each node's start (from its jobs' end times and its earlier reboots' durations), "
                + "the makespan and the node-hours lost; nothing is sent to Slurm and no plan is written",
        };

        var rebuild = kind == PlanKind.Reboot
            ? new Command("reboot", "Reboot nodes (no image change) in rolling waves under a budget, through Slurm; each node once")
            {
                partition, nodes, maxDown, maxDownPerSwitch, strategy, maxAttempts, rebootTimeout, terminatePreemptable, gate, sbatchOption, maxFailures, dryRun, whatIf,
            }
            : new Command("rebuild", "Rebuild nodes to an image in rolling waves under a budget, through Slurm")
            {
                partition, nodes, image, maxDown, maxDownPerSwitch, strategy, maxAttempts, rebootTimeout, terminatePreemptable, gate, sbatchOption, maxFailures, dryRun, whatIf,
            };
        rebuild.SetAction((parse, ct) =>
        {
            var input = new RebuildInput(
                parse.GetValue(partition),
                parse.GetValue(nodes),
                kind == PlanKind.Reboot ? null : parse.GetValue(image),
                parse.GetValue(maxDown),
                parse.GetValue(strategy) switch { "drain" => RebuildStrategy.Drain, "reservation" => RebuildStrategy.Reservation, _ => RebuildStrategy.Job },
                parse.GetValue(dryRun))
            {
                Gate = parse.GetValue(gate) is { Length: > 0 } words ? words : null,
                SbatchOptions = parse.GetValue(sbatchOption) ?? [],
                MaxFailures = parse.GetValue(maxFailures),
                Kind = kind,
                MaxAttempts = parse.GetValue(maxAttempts),
                RebootTimeoutSeconds = parse.GetValue(rebootTimeout),
                TerminatePreemptable = parse.GetValue(terminatePreemptable),
                MaxDownPerSwitch = parse.GetValue(maxDownPerSwitch),
                WhatIf = parse.GetValue(whatIf),
            };
            return RebuildVerbs.StartAsync(env, Common(parse, options, kind), input, ct);
        });

        rebuild.Subcommands.Add(Verb("status", "Show a plan and each node's step (default: the latest plan)", env, options, kind, RebuildVerbs.StatusAsync));
        rebuild.Subcommands.Add(Resume(env, options, kind));
        rebuild.Subcommands.Add(Verb("cancel", "Cancel a plan: pending rebuild jobs and the plan's reservations are cancelled, nodes not started stay as they are", env, options, kind, RebuildVerbs.CancelAsync));
        return rebuild;
    }

    private static Command Verb(
        string name,
        string description,
        CliEnvironment env,
        GlobalOptions options,
        PlanKind kind,
        Func<CliEnvironment, CommonInput, string?, CancellationToken, Task<int>> run)
    {
        var plan = new Argument<string?>("plan") { Description = "Plan id (rb-…); default: the latest", Arity = ArgumentArity.ZeroOrOne };
        var verb = new Command(name, description) { plan };
        verb.SetAction((parse, ct) => run(env, Common(parse, options, kind), parse.GetValue(plan), ct));
        return verb;
    }

    /// <summary>resume takes --max-failures too: a plan halted by failures goes on once the limit is raised; --retry-failed retries them.</summary>
    private static Command Resume(CliEnvironment env, GlobalOptions options, PlanKind kind)
    {
        var plan = new Argument<string?>("plan") { Description = "Plan id (rb-…); default: the latest running or halted plan", Arity = ArgumentArity.ZeroOrOne };
        var maxFailures = new Option<int?>("--max-failures")
        {
            Description = "Raise the failed nodes the plan tolerates (a halted plan goes on only when this exceeds its failures)",
        };
        var retryFailed = new Option<bool>("--retry-failed")
        {
            Description = "Take the plan's failed nodes back in (a finished or halted plan too): each is skipped if on the image, else rebuilt again",
        };
        var exclude = new Option<string?>("--exclude")
        {
            Description = "Take these nodes (a hostlist) out of the plan: marked excluded, never touched by it again; refused for a node in flight",
        };
        var resume = new Command("resume", "Carry on with a plan after its runner stopped or was killed, or after it halted on failures (default: the latest)")
        {
            plan, maxFailures, retryFailed, exclude,
        };
        resume.SetAction((parse, ct) => RebuildVerbs.ResumeAsync(env, Common(parse, options, kind), parse.GetValue(plan), parse.GetValue(maxFailures), parse.GetValue(retryFailed), parse.GetValue(exclude), ct));
        return resume;
    }

    private static Option<int> MaxFailuresOption() => new("--max-failures")
    {
        Description = "Failed nodes tolerated; one more halts the plan: nothing new starts, nodes in flight finish (resume --max-failures N goes on)",
        DefaultValueFactory = _ => RebuildPlan.DefaultMaxFailures,
    };

    private static CommonInput Common(ParseResult parse, GlobalOptions options, PlanKind kind) =>
        new(parse.GetValue(options.Config), parse.GetValue(options.Json), parse.GetValue(options.Verbose), kind);
}
