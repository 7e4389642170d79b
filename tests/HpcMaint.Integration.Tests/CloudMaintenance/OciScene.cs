using HpcMaint.Adapters.Processes;
using HpcMaint.FakeOci;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// One spec's world on the shared testbed: the fake OCI on 127.0.0.1 (fresh for each spec), an `~/.oci/config`
/// with Oracle's published test key (tests/HpcMaint.Adapters.Tests/Fixtures/oci/README.md), and an hpcmaint.toml
/// with the spec's [oci.maintenance] policy, its own journal and state_dir. Reboot counts are counted from its start.
/// </summary>
public sealed class OciScene : IAsyncDisposable
{
    private readonly Dictionary<string, FakeOciInstance> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> rebootsBefore;
    private readonly List<(FakeOciEvent Event, string Node)> planted = [];
    private readonly HashSet<string> rebooted = new(StringComparer.Ordinal);

    public const string ProcessedTag = "maintenance_processed";

    private const string Tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    private const string User = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq";
    private const string Fingerprint = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7";

    private OciScene(TestbedCluster cluster, FakeOciServer fake, string home)
    {
        Cluster = cluster;
        Fake = fake;
        Home = home;
        Config = Path.Combine(home, "hpcmaint.toml");
        rebootsBefore = cluster.NodeNames.ToDictionary(n => n, cluster.RebootCount, StringComparer.Ordinal);
    }

    public TestbedCluster Cluster { get; }

    public FakeOciServer Fake { get; }

    public FakeOciCloud Cloud => Fake.Cloud;

    public string Home { get; }

    public string Config { get; }

    public string JournalPath => Path.Combine(Home, "audit.jsonl");

    /// <summary>
    /// The testbed reset, a fresh fake, and a config whose [oci.maintenance] is <paramref name="policy"/> (state_dir
    /// added); <see cref="Policy"/> makes one.
    /// </summary>
    /// <summary>
    /// [oci.maintenance] for a spec: HPCGPU-0001-01 approved, no partition budget (max_down = 100), the schedule
    /// for now, a gate that passes, and <paramref name="more"/> keys (daily_cap, due_within, …).
    /// </summary>
    public static string Policy(string more = "", string scheduleLead = "0s", string gate = "[\"/bin/true\"]") =>
        $"approved_fault_codes = [\"HPCGPU-0001-01\"]\nmax_down = 100\nschedule_lead = \"{scheduleLead}\"\ngate = {gate}\n{more}";

    public static async Task<OciScene> StartAsync(SharedTestbed testbed, string policy)
    {
        await ResetAsync(testbed.Cluster);
        var publicKey = System.Security.Cryptography.RSA.Create();
        publicKey.ImportFromPem(File.ReadAllText(KeyFile("test-key-public.pem")));
        var fake = await FakeOciServer.StartAsync(new FakeOciOptions
        {
            Tenancy = Tenancy,
            Keys = new Dictionary<string, System.Security.Cryptography.RSA> { [$"{Tenancy}/{User}/{Fingerprint}"] = publicKey },
            EventPhase = TimeSpan.FromSeconds(1),
        });

        var dir = testbed.Cluster.Directory;
        var home = Directory.CreateTempSubdirectory("hpcmaint-oci-").FullName;
        var oci = Directory.CreateDirectory(Path.Combine(home, ".oci")).FullName;
        File.Copy(KeyFile("test-key-pkcs1.pem"), Path.Combine(oci, "key.pem"));
        File.SetUnixFileMode(Path.Combine(oci, "key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(oci, "config"), $"[DEFAULT]\nuser={User}\nfingerprint={Fingerprint}\ntenancy={Tenancy}\nregion=us-ashburn-1\nkey_file={oci}/key.pem\n");
        File.SetUnixFileMode(Path.Combine(oci, "config"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(home, "hpcmaint.toml"), $"""
            [slurm]
            {SlurmRelease.ConfigLines(dir)}

            [audit]
            journal = "{home}/audit.jsonl"

            [oci]
            config_file = "{oci}/config"
            compartment = "{Tenancy}"
            compute_endpoint = "{fake.BaseUrl}"
            identity_endpoint = "{fake.BaseUrl}"

            [oci.maintenance]
            {policy}
            state_dir = "{home}/oci-maintenance"
            """);
        return new OciScene(testbed.Cluster, fake, home);
    }

    /// <summary>A SCHEDULED event on the node's instance (one instance per node, made on first use).</summary>
    public FakeOciEvent Plant(string node, string faultId = "HPCGPU-0001-01", string? correlationToken = null, DateTimeOffset? hardDueDate = null)
    {
        if (!instances.TryGetValue(node, out var instance))
        {
            instance = instances[node] = Cloud.AddInstance(node);
        }

        var planted = Cloud.AddEvent(instance, faultId, correlationToken, hardDueDate);
        this.planted.Add((planted, node));
        return planted;
    }

    public Task<CommandResult> HpcmaintAsync(params string[] args) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments([.. args, "--config", Config]).WithTimeout(TimeSpan.FromMinutes(2)));

    /// <summary>`hpcmaint oci run` (with <paramref name="args"/>), which must exit 0.</summary>
    public async Task<CommandResult> PassAsync(params string[] args)
    {
        var pass = await HpcmaintAsync(["oci", "run", .. args]);
        Assert.True(pass.IsSuccess, pass.StandardOutput + pass.StandardError);
        return pass;
    }

    /// <summary>
    /// Passes until <paramref name="done"/>; a node whose event SUCCEEDED reboots first (the testbed's simulated
    /// reboot: a new BootTime), once, as OCI's reboot migration would make it.
    /// </summary>
    public Task<bool> PassUntilAsync(Func<bool> done, TimeSpan within) =>
        TestbedCluster.WaitUntilAsync(
            async () =>
            {
                await RebootSucceededAsync();
                await PassAsync();
                return done();
            },
            within);

    /// <summary>Plays OCI's reboot for each planted event that SUCCEEDED and whose node was not rebooted yet.</summary>
    public async Task RebootSucceededAsync()
    {
        foreach (var (e, node) in planted)
        {
            if (Read(() => e.LifecycleState) == "SUCCEEDED" && rebooted.Add(node))
            {
                var played = await Cluster.RunClientAsync(Path.Combine(Cluster.Directory, "bin", "reboot-node-sim"), node);
                Assert.True(played.Succeeded, played.ToString());
            }
        }
    }

    /// <summary>A read of the fake's state under its lock.</summary>
    public T Read<T>(Func<T> read)
    {
        T value = default!;
        Cloud.Change(() => value = read());
        return value;
    }

    public bool Processed(params FakeOciEvent[] events) => Read(() => events.All(e => e.FreeformTags.ContainsKey(ProcessedTag)));

    public int[] Schedules(params FakeOciEvent[] events) => Read(() => events.Select(e => e.Schedules).ToArray());

    public int Reboots(string node) => Cluster.RebootCount(node) - rebootsBefore[node];

    public string[] Journal() => File.Exists(JournalPath) ? File.ReadAllLines(JournalPath) : [];

    /// <summary>The journal's lines of one action ("oci.drain", "oci.decision", …) for one node.</summary>
    public string[] Journal(string action, string node) => Journal()
        .Where(l => l.Contains($"\"action\":\"{action}\"", StringComparison.Ordinal) && l.Contains($"\"node\":\"{node}\"", StringComparison.Ordinal))
        .ToArray();

    /// <summary>Each node back in service, idle: slurmctld may still wait for a restarted slurmd's next answer (idle*).</summary>
    public async Task<bool> IdleAsync(params string[] nodes) =>
        await TestbedCluster.WaitUntilAsync(async () => await Cluster.NodeStatesAsync() is var s && nodes.All(n => s[n] == "idle"), TimeSpan.FromSeconds(60));

    /// <summary>Cancels every job, resumes every node and clears its comment (a failed gate's ticket), then waits until all are idle.</summary>
    private static async Task ResetAsync(TestbedCluster cluster)
    {
        var jobs = await cluster.RunClientAsync("squeue", "-h", "-o", "%i");
        foreach (var job in jobs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await cluster.RunClientAsync("scancel", job);
        }

        var states = await cluster.NodeStatesAsync();
        foreach (var node in cluster.NodeNames)
        {
            if (states.GetValueOrDefault(node) is { } state && state != "idle")
            {
                await cluster.RunClientAsync("scontrol", "update", $"nodename={node}", "state=resume");
            }

            await cluster.RunClientAsync("scontrol", "update", $"nodename={node}", "comment=");
        }

        Assert.True(await TestbedCluster.WaitUntilAsync(cluster.AllNodesIdleAsync, TimeSpan.FromSeconds(60)),
            "the testbed did not come back to all idle: " + string.Join(", ", await cluster.NodeStatesAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }

    private static string KeyFile(string name) => Path.Combine(Executables.Executables.RepositoryRoot, "tests", "HpcMaint.Adapters.Tests", "Fixtures", "oci", name);
}
