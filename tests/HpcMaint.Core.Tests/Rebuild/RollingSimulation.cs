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
    private long nextJob = 100;

    public RollingSimulation(IEnumerable<Node> nodes) => this.nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

    /// <summary>Node → reboots Slurm carried out.</summary>
    public Dictionary<string, int> Reboots { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Clock { get; private set; } = Now;

    public ClusterView View() => RebuildCluster.View(nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal), jobs, now: Clock);

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

        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
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
        Reboot(node);
        return job with { State = JobStateText.Parse("CONFIGURING"), Nodes = [node] };
    }

    private void Reboot(string node)
    {
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
                var (change, then) = GateVerdict.Ended(planned, passed: true, "exit 0", Clock);
                Assert.Null(change);
                Send(plan, then);
                return plan.With(GateVerdict.Resumed(planned, controllerUnreachable: false, null, Clock)!.After).Settle();
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
            case RebuildAction.Reboot:
                Reboot(action.Node);
                return null;
            case RebuildAction.Resume:
                nodes[action.Node] = node with { State = node.State with { Flags = node.State.Flags & ~NodeFlags.Drain }, Reason = null };
                return null;
            case RebuildAction.Gate:
                return null;
            default:
                throw new InvalidOperationException($"the simulation does not expect {action}");
        }
    }
}
