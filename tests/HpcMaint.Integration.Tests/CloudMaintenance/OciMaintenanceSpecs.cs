using System.Security.Cryptography;
using System.Text.Json;
using HpcMaint.Adapters.Processes;
using HpcMaint.FakeOci;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// `hpcmaint oci report|run` (the shipped executable) on a 4-node testbed with the fake OCI on 127.0.0.1: events
/// for n1 (running a job) and n2 (idle) with an approved fault code, n3's not approved, n4 excluded. A dry run
/// changes nothing in Slurm or the fake; the report lists every event with its decision and why; passes drain
/// n1 after its job and n2 at once, schedule each once it is idle, once, and never touch n3 or n4; when OCI's
/// maintenance SUCCEEDED the node reboots (the testbed's simulated reboot: a new BootTime), passes the gate and
/// is back in service, its event tagged processed.
/// The key is Oracle's published test key (tests/HpcMaint.Adapters.Tests/Fixtures/oci/README.md).
/// </summary>
public sealed class OciMaintenanceSpecs
{
    private const string Tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    private const string User = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq";
    private const string Fingerprint = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7";

    private static string KeyFile(string name) => Path.Combine(Executables.Executables.RepositoryRoot, "tests", "HpcMaint.Adapters.Tests", "Fixtures", "oci", name);

    [Fact]
    public async Task A_dry_run_changes_nothing_the_report_says_why_and_passes_take_each_event_from_drain_after_its_job_to_back_in_service_scheduled_once()
    {
        var publicKey = RSA.Create();
        publicKey.ImportFromPem(File.ReadAllText(KeyFile("test-key-public.pem")));
        await using var fake = await FakeOciServer.StartAsync(new FakeOciOptions
        {
            Tenancy = Tenancy,
            Keys = new Dictionary<string, RSA> { [$"{Tenancy}/{User}/{Fingerprint}"] = publicKey },
            EventPhase = TimeSpan.FromSeconds(2),
        });
        var e1 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("n1"), "HPCGPU-0001-01");
        var e2 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("n2"), "HPCGPU-0001-01");
        var e3 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("n3"), "HPCRDMA-0002-02");
        var e4 = fake.Cloud.AddEvent(fake.Cloud.AddInstance("n4"), "HPCGPU-0001-01");

        var dir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        var hm = Directory.CreateDirectory(Path.Combine(dir, "hm")).FullName;
        var oci = Directory.CreateDirectory(Path.Combine(hm, ".oci")).FullName;
        File.Copy(KeyFile("test-key-pkcs1.pem"), Path.Combine(oci, "key.pem"));
        File.SetUnixFileMode(Path.Combine(oci, "key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(oci, "config"), $"[DEFAULT]\nuser={User}\nfingerprint={Fingerprint}\ntenancy={Tenancy}\nregion=us-ashburn-1\nkey_file={oci}/key.pem\n");
        File.SetUnixFileMode(Path.Combine(oci, "config"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Path.Combine(hm, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(dir)}

            [audit]
            journal = "{hm}/audit.jsonl"

            [oci]
            config_file = "{oci}/config"
            compartment = "{Tenancy}"
            compute_endpoint = "{fake.BaseUrl}"
            identity_endpoint = "{fake.BaseUrl}"

            [oci.maintenance]
            approved_fault_codes = ["HPCGPU-0001-01"]
            excluded_hosts = ["n4"]
            max_down = 50
            schedule_lead = "0s"
            gate = ["/bin/true"]
            state_dir = "{hm}/oci-maintenance"
            """);

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5), TimeProvider.System);
        await using var cluster = await TestbedCluster.StartAsync(new TestbedOptions { Directory = dir }, deadline.Token);
        var job = await cluster.SubmitAsync("-w", "n1", "--wrap", "sleep 600");
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => (await cluster.NodeStatesAsync())["n1"] is "allocated" or "mixed", TimeSpan.FromSeconds(60)));
        var before = await cluster.NodeStatesAsync();

        var dry = await HpcmaintAsync(config, "oci", "run", "--dry-run");

        Assert.True(dry.IsSuccess, dry.StandardOutput + dry.StandardError);
        Assert.Equal(0, fake.Cloud.Writes);
        Assert.Equal(before, await cluster.NodeStatesAsync());
        Assert.Contains($"would drain n1 (reason \"hpcmaint: oci-maintenance event={e1.Id}\")", dry.StandardOutput, StringComparison.Ordinal);

        var report = await HpcmaintAsync(config, "oci", "report", "--json");
        Assert.True(report.IsSuccess, report.StandardOutput + report.StandardError);
        using var json = JsonDocument.Parse(report.StandardOutput);
        var decisions = json.RootElement.GetProperty("events").EnumerateArray()
            .ToDictionary(e => e.GetProperty("event").GetString()!, e => (Decision: e.GetProperty("decision").GetString(), Why: e.GetProperty("why").GetString()!));
        Assert.Equal(4, decisions.Count);
        Assert.Equal(("drain", "drain", "report", "report"), (decisions[e1.Id].Decision, decisions[e2.Id].Decision, decisions[e3.Id].Decision, decisions[e4.Id].Decision));
        Assert.Contains("leaves service after its running jobs", decisions[e1.Id].Why, StringComparison.Ordinal);
        Assert.Contains("HPCRDMA-0002-02 is not in [oci.maintenance] approved_fault_codes", decisions[e3.Id].Why, StringComparison.Ordinal);
        Assert.Contains("n4 is in [oci.maintenance] excluded_hosts", decisions[e4.Id].Why, StringComparison.Ordinal);
        Assert.Equal(0, fake.Cloud.Writes);

        var first = await HpcmaintAsync(config, "oci", "run");
        Assert.True(first.IsSuccess, first.StandardOutput + first.StandardError);
        var drained = await cluster.NodeStatesAsync();
        Assert.Equal(("draining", "drained"), (drained["n1"], drained["n2"]));
        Assert.Contains($"hpcmaint: oci-maintenance event={e1.Id}", await cluster.ShowNodeAsync("n1"), StringComparison.Ordinal);
        Assert.Equal((before["n3"], before["n4"]), (drained["n3"], drained["n4"]));

        var second = await HpcmaintAsync(config, "oci", "run");
        Assert.True(second.IsSuccess, second.StandardOutput + second.StandardError);
        fake.Cloud.Change(() => Assert.Equal((0, 1, 0, 0), (e1.Schedules, e2.Schedules, e3.Schedules, e4.Schedules)));

        await cluster.RunClientAsync("scancel", job);
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => (await cluster.NodeStatesAsync())["n1"] == "drained", TimeSpan.FromSeconds(60)));
        var third = await HpcmaintAsync(config, "oci", "run");
        var fourth = await HpcmaintAsync(config, "oci", "run");

        Assert.True(third.IsSuccess && fourth.IsSuccess, third.StandardOutput + third.StandardError + fourth.StandardOutput + fourth.StandardError);
        fake.Cloud.Change(() => Assert.Equal((1, 1, 0, 0), (e1.Schedules, e2.Schedules, e3.Schedules, e4.Schedules)));
        var rebooted = new HashSet<string>(StringComparer.Ordinal);
        var done = await TestbedCluster.WaitUntilAsync(
            async () =>
            {
                foreach (var (e, node) in new[] { (e1, "n1"), (e2, "n2") })
                {
                    var state = "";
                    fake.Cloud.Change(() => state = e.LifecycleState);
                    if (state == "SUCCEEDED" && rebooted.Add(node))
                    {
                        var played = await cluster.RunClientAsync(Path.Combine(dir, "bin", "reboot-node-sim"), node);
                        Assert.True(played.Succeeded, played.ToString());
                    }
                }

                var pass = await HpcmaintAsync(config, "oci", "run");
                Assert.True(pass.IsSuccess, pass.StandardOutput + pass.StandardError);
                var processed = 0;
                fake.Cloud.Change(() => processed = new[] { e1, e2 }.Count(e => e.FreeformTags.ContainsKey("maintenance_processed")));
                return processed == 2;
            },
            TimeSpan.FromMinutes(3));

        Assert.True(done, $"not both processed: {string.Join(", ", await cluster.NodeStatesAsync())}");

        // Resumed after its new boot; slurmctld may still be waiting for the restarted slurmd's next answer (idle*).
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => await cluster.NodeStatesAsync() is var s && s["n1"] == "idle" && s["n2"] == "idle", TimeSpan.FromSeconds(60)),
            string.Join(", ", await cluster.NodeStatesAsync()) + "\n" + File.ReadAllText(Path.Combine(hm, "audit.jsonl")));
        Assert.Equal((1, 1), (cluster.RebootCount("n1"), cluster.RebootCount("n2")));
        fake.Cloud.Change(() =>
        {
            Assert.Equal((1, 1, 0, 0), (e1.Schedules, e2.Schedules, e3.Schedules, e4.Schedules));
            Assert.All(new[] { e1, e2 }, e => Assert.Equal("succeeded: gate passed, back in service", e.FreeformTags["maintenance_processed"]));
            Assert.All(new[] { e3, e4 }, e => Assert.False(e.FreeformTags.ContainsKey("maintenance_processed")));
        });
        var journal = File.ReadAllLines(Path.Combine(hm, "audit.jsonl"));
        Assert.Equal(2, journal.Count(l => l.Contains("\"action\":\"oci.resume\"", StringComparison.Ordinal) && l.Contains("\"outcome\":\"succeeded\"", StringComparison.Ordinal)));
        Assert.Contains(journal, l => l.Contains("\"action\":\"oci.drain\"", StringComparison.Ordinal) && l.Contains("\"node\":\"n1\"", StringComparison.Ordinal));
        Assert.Contains(journal, l => l.Contains("\"action\":\"oci.schedule\"", StringComparison.Ordinal) && l.Contains("\"node\":\"n2\"", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, l => l.Contains("\"action\":\"oci.drain\"", StringComparison.Ordinal) && (l.Contains("\"node\":\"n3\"", StringComparison.Ordinal) || l.Contains("\"node\":\"n4\"", StringComparison.Ordinal)));
    }

    private static Task<CommandResult> HpcmaintAsync(string config, params string[] args) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments([.. args, "--config", config]).WithTimeout(TimeSpan.FromMinutes(2)));
}
