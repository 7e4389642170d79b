using System.Diagnostics;
using HpcMaint.FakeOci;
using HpcMaint.Integration.Tests.Testbed;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// `hpcmaint oci run` SIGKILLed at random points of its passes, then run again, until every event is done: a
/// kill after a random delay, a kill at a random OCI call once OCI carried it out and before its answer came
/// back (OCI did what hpcmaint never heard), or no kill. The first schedule OCI takes is always followed by such
/// a kill, the point where a schedule asked again without the same retry token would be carried out twice.
/// No event is scheduled twice, none is forgotten: each is processed and its node rebooted once and back in service.
/// </summary>
[Collection(OciTestbedCollection.Name)]
public sealed class OciMaintenanceKillSpecs(SharedTestbed testbed, ITestOutputHelper output)
{
    private const int Seed = 1515;

    [HostReleaseFact]
    public async Task Killed_at_random_points_and_run_again_no_event_is_scheduled_twice_and_no_node_is_forgotten()
    {
        // A schedule for a few seconds ahead: OCI would carry out a second schedule while the event is still SCHEDULED.
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy(scheduleLead: "3s"));
        var events = new[] { scene.Plant("n1", correlationToken: "repair-a"), scene.Plant("n2", correlationToken: "repair-a"), scene.Plant("n3") };
        var random = new Random(Seed);
        var pass = Stopwatch.StartNew();
        await scene.PassAsync("--dry-run");
        var passTime = pass.Elapsed;

        Process? running = null;
        var callsThisPass = 0;
        var killAtCall = 0;
        var lostScheduleAnswers = 0;
        var schedulesSeen = 0;
        var kills = new List<string>();
        scene.Cloud.Answering = call =>
        {
            var current = Volatile.Read(ref running);
            if (current is null)
            {
                return;
            }

            var n = Interlocked.Increment(ref callsThisPass);
            var schedules = scene.Schedules(events).Sum();
            var newSchedule = schedules > schedulesSeen;
            schedulesSeen = schedules;
            if ((newSchedule && lostScheduleAnswers == 0) || n == killAtCall)
            {
                lostScheduleAnswers += newSchedule ? 1 : 0;
                kills.Add($"after {call.Method} {call.Target.Split('?')[0]} carried out, before its answer{(newSchedule ? " (a schedule)" : "")}");
                Kill(current);
            }
        };

        var rounds = 0;
        var done = await TestbedCluster.WaitUntilAsync(
            async () =>
            {
                rounds++;
                await scene.RebootSucceededAsync();
                var mode = random.Next(3);
                callsThisPass = 0;
                killAtCall = mode == 1 ? random.Next(1, 10) : 0;
                var delay = mode == 0 ? passTime * random.NextDouble() * 1.5 : (TimeSpan?)null;
                var started = Start(scene);
                Volatile.Write(ref running, started);
                if (delay is { } wait)
                {
                    await Task.Delay(wait, TimeProvider.System);
                    if (!started.HasExited)
                    {
                        kills.Add($"after {wait.TotalMilliseconds:F0} ms");
                        Kill(started);
                    }
                }

                await started.WaitForExitAsync();
                Volatile.Write(ref running, null);
                started.Dispose();
                return scene.Processed(events);
            },
            TimeSpan.FromMinutes(4));

        output.WriteLine($"seed {Seed}: {rounds} passes, a pass ~{passTime.TotalMilliseconds:F0} ms, {kills.Count} killed:\n  {string.Join("\n  ", kills)}");
        Assert.True(done, $"not every event processed after {rounds} passes: {string.Join(", ", await scene.Cluster.NodeStatesAsync())}\n{string.Join("\n", scene.Journal().TakeLast(40))}");
        Assert.True(lostScheduleAnswers >= 1, "no schedule answer was lost");
        Assert.True(kills.Count >= 3, $"only {kills.Count} kills");
        await scene.PassAsync();
        Assert.Equal([1, 1, 1], scene.Schedules(events));
        Assert.All(events, e => Assert.Equal("succeeded: gate passed, back in service", scene.Read(() => e.FreeformTags[OciScene.ProcessedTag])));
        Assert.True(await scene.IdleAsync("n1", "n2", "n3"), string.Join(", ", await scene.Cluster.NodeStatesAsync()));
        Assert.Equal((1, 1, 1), (scene.Reboots("n1"), scene.Reboots("n2"), scene.Reboots("n3")));
    }

    private static Process Start(OciScene scene)
    {
        var start = new ProcessStartInfo(Executables.Executables.Hpcmaint) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "oci", "run", "--config", scene.Config })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // SIGKILL, the process alone: what it started (an scontrol in flight) finishes, as after a real kill.
    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
    }
}
