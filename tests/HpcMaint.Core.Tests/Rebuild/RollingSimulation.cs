using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>
/// A small cluster that carries out a plan's actions the way Slurm would, pass after pass, for the
/// properties: rebuild jobs queue, boot their node and complete; drains set, reboots boot the node one
/// pass later; gates pass. A runner can be killed at any point of a pass: the plan it saved stays, the
/// actions it had not sent yet are lost, the one it was sending may have reached Slurm unrecorded.
/// </summary>
internal sealed class RollingSimulation
{
    private readonly Dictionary<string, Node> nodes;
    private readonly List<Job> jobs = [];
    private readonly Dictionary<string, DateTimeOffset> booting = new(StringComparer.Ordinal);
    private readonly List<Reservation> reservations = [];
    private readonly Dictionary<long, DateTimeOffset> finishes = [];
    private long nextJob = 100;

    /// <param name="userJobs">Running user jobs, each with the time it really finishes (before, at or after its EndTime).</param>
    public RollingSimulation(IEnumerable<Node> nodes, IEnumerable<(Job Job, DateTimeOffset Finishes)>? userJobs = null, IEnumerable<Reservation>? reservations = null)
    {
        this.nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var (job, finish) in userJobs ?? [])
        {
            jobs.Add(job);
            finishes[job.Id] = finish;
        }

        this.reservations.AddRange(reservations ?? []);
    }

    /// <summary>Reservations Slurm has now.</summary>
    public IReadOnlyList<Reservation> Reservations => reservations;

    /// <summary>Every reservation name an action named (created, moved or deleted).</summary>
    public List<string> ReservationsTouched { get; } = [];

    /// <summary>Reboots sent while a user job ran on the node.</summary>
    public List<string> RebootsUnderJobs { get; } = [];

    /// <summary>Node → reboots Slurm carried out.</summary>
    public Dictionary<string, int> Reboots { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Clock { get; private set; } = Now;

    public ClusterView View() => RebuildCluster.View(nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal), jobs, reservations, now: Clock);

    /// <summary>
    /// Runs the plan to its end (or <paramref name="passes"/>); <paramref name="kill"/> says, per pass, after how
    /// many of its actions the runner dies (null: it lives), and whether the one it was sending reached Slurm.
    /// </summary>
    public RebuildPlan Run(RebuildPlan plan, Func<int, (int After, bool Sent)?> kill, int passes = 200)
    {
        for (var pass = 0; pass < passes && plan.IsOpen; pass++)
        {
            Clock = Clock.AddSeconds(3);
            Advance();
            var turn = RebuildStepper.Next(plan, View(), Settings);
            plan = turn.Plan;
            var dies = kill(pass);
            for (var i = 0; i < turn.Actions.Count; i++)
            {
                if (dies is { } d && i == d.After)
                {
                    if (d.Sent)
                    {
                        Send(plan, turn.Actions[i]);
                    }

                    break;
                }

                plan = Act(plan, turn.Actions[i]);
            }
        }

        return plan;
    }

    /// <summary>What Slurm does between two passes: boots the nodes asked to, runs the rebuild jobs.</summary>
    private void Advance()
    {
        foreach (var (name, asked) in booting.ToArray())
        {
            var node = nodes[name];
            booting.Remove(name);
            nodes[name] = node with
            {
                BootTime = asked.AddSeconds(1),
                State = new NodeState(NodeBaseState.Idle, node.State.Flags & (NodeFlags.Drain | NodeFlags.Maintenance | NodeFlags.Reserved)),
            };
        }

        for (var i = 0; i < reservations.Count; i++)
        {
            var r = reservations[i];
            if (r.State != "ACTIVE" && r.StartTime <= Clock)
            {
                reservations[i] = r with { State = "ACTIVE" };
            }

            foreach (var name in reservations[i].State == "ACTIVE" && r.IsMaintenance ? r.Nodes : [])
            {
                nodes[name] = nodes[name] with { State = nodes[name].State with { Flags = nodes[name].State.Flags | NodeFlags.Maintenance | NodeFlags.Reserved } };
            }
        }

        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (job.Partition != Settings.Partition)
            {
                // A user job keeps its node busy until it finishes, early or late (then Slurm's EndTime moves with it).
                jobs[i] = !job.IsActive ? job
                    : finishes[job.Id] <= Clock ? job with { State = JobStateText.Parse("COMPLETED") }
                    : job.EndTime <= Clock ? job with { EndTime = finishes[job.Id] }
                    : job;
                var busy = jobs[i].IsActive;
                var n = nodes[job.Nodes[0]];
                nodes[job.Nodes[0]] = n with { State = n.State with { Base = busy ? NodeBaseState.Allocated : n.State.Base == NodeBaseState.Allocated ? NodeBaseState.Idle : n.State.Base } };
                continue;
            }

            var node = job.Nodes.Count > 0 ? job.Nodes[0] : job.RequiredNodes!;
            jobs[i] = job.State.ToString() switch
            {
                "PENDING" => Boot(job, node),
                "CONFIGURING" when !booting.ContainsKey(node) => job with { State = JobStateText.Parse("RUNNING") },
                "RUNNING" => job with { State = JobStateText.Parse("COMPLETED") },
                _ => job,
            };
        }
    }

    private Job Boot(Job job, string node)
    {
        Reboot(node, RebuildJobs.ImageOf(job.Comment));
        return job with { State = JobStateText.Parse("CONFIGURING"), Nodes = [node] };
    }

    /// <summary>The node goes down and boots one pass later, on <paramref name="image"/> when the request named one (as hpcmaint-reboot rebuilds it).</summary>
    private void Reboot(string node, string? image)
    {
        if (image is not null)
        {
            string[] features = [.. nodes[node].Features.Where(f => !f.StartsWith("image:", StringComparison.Ordinal)), "image:" + image];
            nodes[node] = nodes[node] with { Features = features, ActiveFeatures = features };
        }

        if (jobs.Any(j => j.IsActive && j.Partition != Settings.Partition && j.Nodes.Contains(node)))
        {
            RebootsUnderJobs.Add(node);
        }

        Reboots[node] = Reboots.GetValueOrDefault(node) + 1;
        booting[node] = Clock;
        nodes[node] = nodes[node] with { State = new NodeState(NodeBaseState.Down, (nodes[node].State.Flags & NodeFlags.Drain) | NodeFlags.RebootIssued) };
    }

    /// <summary>Carries the action out and records what it came to, as the loop does.</summary>
    private RebuildPlan Act(RebuildPlan plan, RebuildAction action)
    {
        var sent = Send(plan, action);
        var planned = plan.Find(action.Node)!;
        switch (action)
        {
            case RebuildAction.Submit:
                return plan.With(RebuildOutcomes.Submitted(planned, sent!.Value, Clock).After);
            case RebuildAction.Gate:
                var (change, then) = GateVerdict.Ended(plan, planned, passed: true, "exit 0", Clock);
                if (then is null)
                {
                    return plan.With(change!.After);
                }

                Assert.Null(change);
                Send(plan, then);
                return plan.With(GateVerdict.Resumed(planned, controllerUnreachable: false, null, Clock)!.After).Settle();
            case RebuildAction.Reserve reserve:
                return plan.With(ReservationTracker.Reserved(planned, reserve, Clock).After);
            default:
                return plan;
        }
    }

    /// <summary>What Slurm does on the request; the job id of a submission.</summary>
    private long? Send(RebuildPlan plan, RebuildAction action)
    {
        var node = nodes[action.Node];
        switch (action)
        {
            case RebuildAction.Submit:
                var job = Job(nextJob++, action.Node, "PENDING", plan.JobComment);
                jobs.Add(job);
                return job.Id;
            case RebuildAction.Drain drain:
                nodes[action.Node] = node with { State = node.State with { Flags = node.State.Flags | NodeFlags.Drain }, Reason = drain.Reason };
                return null;
            case RebuildAction.Reboot reboot:
                var named = reboot.Reason.Split(' ').FirstOrDefault(w => w.StartsWith("image=", StringComparison.Ordinal));
                Reboot(action.Node, named?["image=".Length..]);
                return null;
            case RebuildAction.Resume:
                nodes[action.Node] = node with { State = node.State with { Flags = node.State.Flags & ~NodeFlags.Drain }, Reason = null };
                return null;
            case RebuildAction.Gate:
                return null;
            case RebuildAction.Reserve reserve:
                ReservationsTouched.Add(reserve.Name);
                Assert.DoesNotContain(reservations, r => r.Name == reserve.Name);
                reservations.Add(new Reservation(reserve.Name, reserve.Node, [reserve.Node], reserve.Start ?? Clock, null, ["MAINT", "IGNORE_JOBS"], "root", "INACTIVE"));
                return null;
            case RebuildAction.MoveReservation move:
                ReservationsTouched.Add(move.Name);
                var at = reservations.FindIndex(r => r.Name == move.Name);
                reservations[at] = reservations[at] with { StartTime = move.Start ?? Clock };
                return null;
            case RebuildAction.Release release:
                ReservationsTouched.Add(release.Name);
                Assert.Equal(1, reservations.RemoveAll(r => r.Name == release.Name));
                nodes[release.Node] = node with { State = node.State with { Flags = node.State.Flags & ~(NodeFlags.Maintenance | NodeFlags.Reserved) } };
                return null;
            default:
                throw new InvalidOperationException($"the simulation does not expect {action}");
        }
    }
}
