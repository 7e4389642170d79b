using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.CloudMaintenance;
using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.CloudMaintenance.MaintenanceWorld;

namespace HpcMaint.Core.Tests.CloudMaintenance;

/// <summary>Over generated clusters, events, failures and kills: the flow's invariants.</summary>
public sealed class MaintenanceProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly string[] ForeignReasons = ["disk swap, ticket 1234", "NHC: check_fs_mount: /scratch", "hpcmaint: fs.mount: /scratch not mounted vs mounted rw", "Reboot ASAP"];

    /// <summary>One node's case: its running job (passes), its event's group, whether due soon, failed work requests, a failing gate, someone else's drain.</summary>
    private sealed record NodeCase(int Busy, string? Token, bool Due, int Failures, bool GateFails, string? Foreign);

    private sealed record Cluster(NodeCase[] Nodes, int Cap, (int After, bool Sent)?[] Kills)
    {
        public override string ToString() =>
            $"cap {Cap}; " + string.Join("; ", Nodes.Select((n, i) => $"n{i + 1}: busy {n.Busy} group {n.Token ?? "-"} due {n.Due} fails {n.Failures} gate {(n.GateFails ? "fails" : "ok")} foreign {n.Foreign ?? "-"}"))
            + "; kills " + string.Join(",", Kills.Select((k, i) => k is { } x ? $"{i}:{x.After}{(x.Sent ? "s" : "")}" : null).Where(k => k is not null));
    }

    private static Gen<Cluster> Clusters(bool foreign) =>
        from count in Gen.Choose(2, 6)
        from nodes in Gen.ArrayOf(
            from busy in Gen.Choose(0, 6)
            from token in Gen.Elements<string?>(null, null, "g1", "g2")
            from due in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from failures in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
            from gate in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from held in foreign ? Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>(ForeignReasons))) : Gen.Constant<string?>(null)
            select new NodeCase(busy, token, due, failures, gate, held), count)
        from cap in Gen.Choose(1, 3)
        from kills in Gen.ArrayOf(
            Gen.Frequency(
                (3, Gen.Constant<(int, bool)?>(null)),
                (1, from after in Gen.Choose(0, 3) from sent in Gen.Elements(true, false) select ((int, bool)?)(after, sent))),
            60)
        select new Cluster(nodes, cap, kills);

    private static MaintenanceWorld Build(Cluster c)
    {
        var settings = new OciMaintenanceSettings
        {
            ApprovedFaultCodes = ["HPCGPU-0001-01"],
            DailyCap = c.Cap,
            MaxDownPercent = 100,
            MaxReschedules = 2,
            OnFailure = ["/usr/local/sbin/notify-ops"],

            // OCI starts a scheduled event at its new window: it stays SCHEDULED meanwhile, where a second schedule would take.
            ScheduleLead = TimeSpan.FromMinutes(2),
        };
        var nodes = c.Nodes.Select((n, i) => Node($"n{i + 1}", busy: n.Busy > 0, reason: n.Foreign, flags: n.Foreign is null ? NodeFlags.None : NodeFlags.Drain));
        var events = c.Nodes.Select((n, i) => new Ev($"e{i + 1}", $"n{i + 1}")
        {
            Token = n.Token,
            Due = n.Due ? T0.AddHours(6) : null,
            Outcomes = new(Enumerable.Repeat("FAILED", n.Failures)),
        });
        var world = new MaintenanceWorld(nodes, events, settings);
        for (var i = 0; i < c.Nodes.Length; i++)
        {
            world.JobPasses[$"n{i + 1}"] = c.Nodes[i].Busy;
            if (c.Nodes[i].GateFails)
            {
                world.FailingGates.Add($"n{i + 1}");
            }
        }

        return world;
    }

    /// <summary>A group of more events than the daily cap, none due: it waits, saying so, until one is due.</summary>
    private static bool Oversized(Cluster c, string? token) =>
        token is not null && c.Nodes.Count(n => n.Token == token) > c.Cap && !c.Nodes.Any(n => n.Token == token && n.Due);

    private static (int After, bool Sent)? Kill(Cluster c, int pass) => pass < c.Kills.Length ? c.Kills[pass] : null;

    [Fact]
    public void Killed_anywhere_and_run_again_no_event_is_scheduled_twice_and_every_event_ends_with_its_node_back_or_drained_for_a_person()
    {
        var property = Prop.ForAll(Clusters(foreign: false).ToArbitrary(), c =>
        {
            var world = Build(c);

            world.Run(400, pass => Kill(c, pass));

            foreach (var e in world.Events.Where(e => !Oversized(c, e.Token)))
            {
                var what = $"{e.Id}: {e.Schedules} schedules, {e.FailedRequests} failed work requests, {e.State}, processed {e.Processed ?? "no"}; last: {world.Plans[^1].Decisions.First(d => d.Event.Id == e.Id)}; {c}";
                Assert.True(e.Schedules == e.FailedRequests + 1, "scheduled twice or never: " + what);
                Assert.True(e.Processed is not null, "forgotten: " + what);
                var node = world.Nodes[e.Node];
                var gateFails = world.FailingGates.Contains(e.Node);
                Assert.True(node.State.IsDrainSet == gateFails, $"{e.Node} is {node.State} ({node.Reason}): " + what);
                Assert.True(e.Processed == (gateFails ? "failed: gate failed" : "succeeded: gate passed, back in service"), "processed as what did not happen: " + what);
                var told = world.OnFailureRuns.Count(r => r.EventId == e.Id);
                Assert.True(gateFails ? told >= 1 : told == 0, $"on_failure ran {told} time(s): " + what);
            }

            // More than once only where a runner died after the command ran and before its end was kept.
            Assert.True(world.OnFailureRuns.Count <= world.Events.Count(e => world.FailingGates.Contains(e.Node)) + world.OnFailureLost, $"on_failure ran again after its end was kept: {c}");

            return true;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Never_more_events_start_in_a_day_than_the_cap_except_those_of_groups_due_soon_and_every_one_starts_in_the_end()
    {
        var property = Prop.ForAll(Clusters(foreign: false).ToArbitrary(), c =>
        {
            var world = Build(c);

            world.Run(400, pass => Kill(c, pass));

            var dueGroups = world.Events.Where(e => e.Due is not null).Select(e => e.Token ?? e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var day in world.FirstDrained.Where(p => world.Events.First(e => e.Id == p.Key) is var e && !dueGroups.Contains(e.Token ?? e.Id)).GroupBy(p => p.Value.UtcDateTime.Date))
            {
                Assert.True(day.Count() <= c.Cap, $"{day.Count()} events not due started on {day.Key:yyyy-MM-dd}, cap {c.Cap}: {c}");
            }

            Assert.Equal(world.Events.Count(e => !Oversized(c, e.Token)), world.FirstDrained.Count);
            return true;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_correlation_group_is_never_split_after_a_pass_that_was_not_killed()
    {
        var property = Prop.ForAll(Clusters(foreign: false).ToArbitrary(), c =>
        {
            var world = Build(c);

            world.Run(400, pass => Kill(c, pass), pass =>
            {
                if (Kill(c, pass) is not null)
                {
                    return;
                }

                foreach (var group in world.Events.Where(e => e.Token is not null).GroupBy(e => e.Token))
                {
                    var drained = group.Count(e => world.FirstDrained.ContainsKey(e.Id));
                    var scheduled = group.Count(e => e.Schedules > 0);
                    Assert.True(drained == 0 || drained == group.Count(), $"pass {pass}: group {group.Key} split: {drained} of {group.Count()} drained; {c}");
                    Assert.True(scheduled == 0 || scheduled == group.Count(), $"pass {pass}: group {group.Key} split: {scheduled} of {group.Count()} scheduled; {c}");
                }
            });

            return true;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_node_someone_else_drained_is_never_touched_nor_is_its_event_or_group_scheduled()
    {
        var property = Prop.ForAll(Clusters(foreign: true).ToArbitrary(), c =>
        {
            var world = Build(c);

            world.Run(400, pass => Kill(c, pass));

            var foreign = c.Nodes.Select((n, i) => (n, Name: $"n{i + 1}")).Where(x => x.n.Foreign is not null).ToArray();
            var heldGroups = foreign.Where(x => x.n.Token is not null).Select(x => x.n.Token).ToHashSet();
            foreach (var (n, name) in foreign)
            {
                Assert.DoesNotContain(name, world.SlurmWrites);
                Assert.Equal(n.Foreign, world.Nodes[name].Reason);
            }

            Assert.All(world.Events.Where(e => world.Nodes[e.Node].Reason is { } r && ForeignReasons.Contains(r) || heldGroups.Contains(e.Token)), e => Assert.Equal(0, e.Schedules));
            return true;
        });

        Check.One(Runs, property);
    }
}
