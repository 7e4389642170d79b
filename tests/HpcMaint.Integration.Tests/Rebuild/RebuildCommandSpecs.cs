using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint rebuild` with hpcmaint-reboot as slurmd's RebootProgram carrying out each rebuild job through
/// the site's [rebuild] command: hpcmaint-reboot must find the node's configuring rebuild job (a state list
/// from 23.02) to rebuild rather than reboot it.
/// </summary>
public sealed class RebuildCommandSpecs
{
    private const string NodeWord = "{node}";
    private const string ImageWord = "{image}";

    [Fact]
    public async Task At_50_percent_every_node_is_rebuilt_once_through_the_rebuild_command_and_the_plan_completes()
    {
        var dir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        var hm = Directory.CreateDirectory(Path.Combine(dir, "hm")).FullName;
        var log = Path.Combine(hm, "reimaged.log");
        // The site's reimage step, simulated: the node reports the new image (its image:IMG feature, also
        // kept for a restarted slurmctld) and reboots through the testbed.
        var reimage = Scripts.Write(Path.Combine(hm, "reimage"), $"""
            echo "$1 $2" >> '{log}'
            features="testbed,image:$2"
            SLURM_CONF='{dir}/etc/slurm.conf' '{SlurmRelease.BinDir(dir)}/scontrol' update nodename="$1" AvailableFeatures="$features" ActiveFeatures="$features"
            echo "$features" > '{dir}/sim/'"$1".features
            exec '{dir}/bin/reboot-node-sim' "$1"
            """);
        var config = Path.Combine(hm, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(dir)}
            [audit]
            journal = "{hm}/audit.jsonl"
            [reboot]
            work_dir = "{hm}/reboot"
            [rebuild]
            command = ["{reimage}", "{NodeWord}", "{ImageWord}"]
            state_dir = "{hm}/plans"
            gate = ["/bin/true"]
            poll_interval = "200ms"
            prolog_timeout = "60s"
            """);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3), TimeProvider.System);
        await using var cluster = await TestbedCluster.StartAsync(
            new TestbedOptions
            {
                Directory = dir,
                RebootProgram = Scripts.RebootHook(Path.Combine(hm, "hpcmaint-reboot"), config),
                PrologSlurmctld = Scripts.PrologHook(Path.Combine(hm, "prolog-slurmctld"), config),
            },
            deadline.Token);
        foreach (var node in cluster.NodeNames)
        {
            Assert.True((await cluster.RunClientAsync("scontrol", "update", "nodename=" + node, "AvailableFeatures=testbed,image:old", "ActiveFeatures=testbed,image:old")).Succeeded);
        }

        var rebuild = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments(["rebuild", "--partition", "batch", "--image", "v2", "--max-down", "50", "--config", config])
                .WithTimeout(TimeSpan.FromMinutes(3)));

        var status = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments(["rebuild", "status", "--config", config]).WithTimeout(TimeSpan.FromSeconds(30)));
        Assert.True(rebuild.IsSuccess, $"{rebuild.StandardOutput}{rebuild.StandardError}\n{status.StandardOutput}");
        var plan = Assert.Single(new HpcMaint.Adapters.Rebuild.RebuildPlanStore(Path.Combine(hm, "plans")).All());
        Assert.Equal(PlanStatus.Finished, plan.Status);
        Assert.All(cluster.NodeNames, n => Assert.Equal(RebuildStep.Done, plan.Find(n)!.Step));
        Assert.Equal(cluster.NodeNames.Select(n => $"{n} v2").Order(StringComparer.Ordinal), File.ReadAllLines(log).Order(StringComparer.Ordinal));
        var journal = new AuditJournal(Path.Combine(hm, "audit.jsonl")).Read(new AuditFilter(Action: "reboot"), out _);
        foreach (var node in cluster.NodeNames)
        {
            var done = Assert.Single(journal, r => r.Node == node && r.Outcome == AuditOutcome.Succeeded);
            Assert.Equal(("rebuild-command", "v2", "slurmd"), (done.Details["method"], done.Details["image"], done.Details["mode"]));
        }

        Assert.True(await TestbedSlurm.Eventually(cluster.AllNodesIdleAsync, 30), string.Join(", ", (await cluster.NodeStatesAsync()).Select(s => s.Key + "=" + s.Value)));
    }
}
