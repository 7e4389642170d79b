using System.Globalization;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Integration.Tests.Executables;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Integration.Tests.SelfHealing;

/// <summary>
/// A testbed with hpcmaint-health as slurm.conf's HealthCheckProgram (every 2 s, on nodes in any
/// state) and faults to inject per node: a GPU whose nvidia-smi output is replayed from a fixture, a
/// tmpfs that can be unmounted, and a daemon that can be killed.
/// </summary>
internal sealed class SelfHealingBed : IAsyncDisposable
{
    private const string HealthyGpus = "rtx-a5000-x2_590.44.01.xml";
    private const string NodePlaceholder = "{node}";
    private const string DirPlaceholder = "{dir}";
    private readonly List<int> daemons = [];

    private SelfHealingBed(string directory) => Directory = directory;

    public string Directory { get; }

    public TestbedCluster Cluster { get; private set; } = null!;

    public SlurmClient Slurm { get; private set; } = null!;

    public string Config => Path.Combine(Directory, "hpcmaint.toml");

    public string Journal => JournalOnOwnMount ? Path.Combine(JournalMount, "audit.jsonl") : Path.Combine(Directory, "hpcmaint", "audit.jsonl");

    private string JournalMount => Path.Combine(Directory, "journal");

    /// <summary>One line per rebuild the [rebuild] command carried out (the node's name).</summary>
    public string Rebuilds => Path.Combine(Directory, "hpcmaint", "rebuilds.log");

    public string Notifications => Path.Combine(Directory, "hpcmaint", "notifications.jsonl");

    /// <summary>The breaker's budget: how many nodes hpcmaint may drain in the partition.</summary>
    public int BreakerNodes { get; private init; } = 4;

    /// <summary>The audit journal lies on a tmpfs of its own, which <see cref="JournalReadOnly"/> remounts.</summary>
    public bool JournalOnOwnMount { get; private init; }

    /// <summary>
    /// Starts the bed. In <paramref name="extraToml"/> and the bodies of <paramref name="tools"/> (shell
    /// scripts written to DIR/tools before slurmd first runs the health check) "{dir}" is the bed's directory.
    /// </summary>
    public static async Task<SelfHealingBed> StartAsync(
        int breakerNodes = 4, string extraToml = "", string? rebootProgram = null, IReadOnlyDictionary<string, string>? tools = null, bool journalOnOwnMount = false)
    {
        var bed = new SelfHealingBed(System.IO.Directory.CreateTempSubdirectory("hpcmaint-selfheal-").FullName) { BreakerNodes = breakerNodes, JournalOnOwnMount = journalOnOwnMount };
        foreach (var (name, body) in tools ?? new Dictionary<string, string>())
        {
            System.IO.Directory.CreateDirectory(Path.Combine(bed.Directory, "tools"));
            bed.Script(name, body.Replace(DirPlaceholder, bed.Directory, StringComparison.Ordinal));
        }

        bed.Prepare(extraToml.Replace(DirPlaceholder, bed.Directory, StringComparison.Ordinal));

        // A config hpcmaint-health refuses makes every run exit 2 with nothing journalled: say so now,
        // not after a spec has waited minutes for a drain.
        var check = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments(["config", "check", "--config", bed.Config]).WithTimeout(TimeSpan.FromSeconds(30)));
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"the self-healing bed's config is refused:\n{check.StandardOutput}{check.StandardError}");
        }
        bed.Cluster = await TestbedCluster.StartAsync(
            new TestbedOptions
            {
                Directory = bed.Directory,
                HealthProgram = Path.Combine(bed.Directory, "tools", "health-check"),
                HealthIntervalSeconds = 2,
                RebootProgram = rebootProgram ?? Path.Combine(bed.Directory, "tools", "reboot"),
            },
            CancellationToken.None);
        bed.Slurm = TestbedSlurm.Client(bed.Cluster);
        return bed;
    }

    /// <summary>nvidia-smi on <paramref name="node"/> now prints this fixture (e.g. "..._ECC-EDITED.xml").</summary>
    public void ReplayGpus(string node, string fixture = HealthyGpus) =>
        ReplayGpuText(node, File.ReadAllText(Path.Combine(Executables.Executables.RepositoryRoot, "tests", "HpcMaint.Core.Tests", "Fixtures", "gpu", "nvidia-smi-xml", fixture)));

    /// <summary>
    /// nvidia-smi on <paramref name="node"/> now prints exactly this text (NULs, escape sequences, anything).
    /// Renamed into place: a fake nvidia-smi running at that moment prints the old text or the new, never half.
    /// </summary>
    public void ReplayGpuText(string node, string text)
    {
        var path = Path.Combine(Directory, "gpu", node + ".xml");
        File.WriteAllText(path + ".new", text);
        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>Remounts the journal's tmpfs read-only (EROFS for root too) or read-write again.</summary>
    public void JournalReadOnly(bool readOnly) => Run("/usr/bin/mount", "-o", readOnly ? "remount,ro" : "remount,rw", JournalMount);

    /// <summary>Unmounts the node's tmpfs, on the host and, for a release that runs in a root of its own, there too (its copy of the mount is its own).</summary>
    public void Unmount(string node)
    {
        var mount = Path.Combine(Directory, "mnt", node);
        Run("/usr/bin/umount", mount);
        if (!SlurmRelease.IsHost)
        {
            Run(TestbedCluster.Script, "exec", "--dir", Directory, "umount", mount);
        }
    }

    public void KillDaemon(string node)
    {
        foreach (var pid in daemons.ToArray())
        {
            if (File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() == DaemonName(node))
            {
                using var daemon = System.Diagnostics.Process.GetProcessById(pid);
                daemon.Kill();
                daemon.WaitForExit(); // reaped: a zombie is not running either, but this spec is not about zombies
                daemons.Remove(pid);
            }
        }
    }

    public async Task<string> ScontrolAsync(params string[] args) =>
        (await Cluster.RunClientAsync("scontrol", args)).StandardOutput;

    public async Task<HpcMaint.Core.Slurm.Node> NodeAsync(string node)
    {
        var read = await Slurm.GetNodeAsync(node);
        read.ShouldSucceed();
        return read.Value;
    }

    /// <summary>The node's hpcmaint record (its Comment).</summary>
    public async Task<HpcMaint.Core.Remediation.NodeRecord> RecordAsync(string node) =>
        HpcMaint.Core.Remediation.NodeRecordCodec.TryDecode((await NodeAsync(node)).Comment, out var record, out var problem)
            ? record
            : throw new InvalidOperationException(problem);

    /// <summary>Waits for <paramref name="condition"/>; when it does not come, fails with <paramref name="what"/> and <see cref="DiagnosisAsync"/>.</summary>
    public async Task WaitAsync(Func<Task<bool>> condition, int seconds, string what)
    {
        if (!await TestbedSlurm.Eventually(condition, seconds))
        {
            Assert.Fail(what + await DiagnosisAsync("n1", "n2", "n3", "n4"));
        }
    }

    /// <summary>For a failed wait's message: the nodes' state, reason and record, slurmd's last log lines, and the journal's last lines.</summary>
    public async Task<string> DiagnosisAsync(params string[] nodes)
    {
        var lines = new List<string>();
        foreach (var name in nodes)
        {
            var node = await NodeAsync(name);
            lines.Add($"{name}: {node.State} reason=\"{node.Reason}\" boot={node.BootTime:u} comment={node.Comment} last run={MetricValue(name, "hpcmaint_health_last_run_timestamp_seconds")}");
            var slurmdLog = Path.Combine(Directory, "log", $"slurmd-{name}.log");
            lines.AddRange(File.Exists(slurmdLog) ? File.ReadLines(slurmdLog).TakeLast(4).Select(l => "  slurmd: " + l) : []);
        }

        foreach (var stat in System.IO.Directory.GetDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                if (File.ReadAllText(stat) is var text && text.Contains("(" + DaemonName(string.Empty), StringComparison.Ordinal))
                {
                    lines.Add("  process: " + text[..Math.Min(60, text.Length)]);
                }
            }
            catch (IOException)
            {
            }
        }

        lines.AddRange(JournalText().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(12));
        return "\n" + string.Join('\n', lines);
    }

    /// <summary>hpcmaint-reboot's metrics file ([reboot] metrics_file).</summary>
    public string RebootMetricsFile => Path.Combine(Directory, "hpcmaint", "reboot.prom");

    /// <summary>The node's metrics file (gauges, rewritten each run).</summary>
    public string MetricsFile(string node) => Path.Combine(Directory, "hpcmaint", $"metrics-{node}.prom");

    /// <summary>The node's counters beside its metrics file.</summary>
    public string CountersFile(string node) => Path.Combine(Directory, "hpcmaint", $"metrics-{node}-counters.prom");

    /// <summary>A sample of the node's metrics file, read strictly; -1 when the file or the sample is not there (yet).</summary>
    public double MetricValue(string node, string name, params (string Name, string Value)[] labels) => PrometheusText.FileValue(MetricsFile(node), name, labels);

    public string JournalText() => File.Exists(Journal) ? File.ReadAllText(Journal) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in daemons)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
            }
        }

        // Stopped first: a health run slurmd started may have a probe file open in a node's tmpfs, and
        // umount refuses a busy mount. StopAsync keeps the directory; DisposeAsync deletes it after the mounts.
        if (Cluster is not null)
        {
            await Cluster.StopAsync();
        }

        foreach (var mount in new[] { "n1", "n2", "n3", "n4" }.Select(node => Path.Combine(Directory, "mnt", node)).Append(JournalMount))
        {
            if (File.ReadAllText("/proc/mounts").Contains(" " + mount + " ", StringComparison.Ordinal))
            {
                Run("/usr/bin/umount", mount);
            }
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private void Prepare(string extraToml)
    {
        foreach (var sub in new[] { "tools", "gpu", "mnt", "hpcmaint", "journal" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, sub));
        }

        if (JournalOnOwnMount)
        {
            Run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "hpcmaint-test", JournalMount); // a tmpfs is 1777 by default
        }

        Script("health-check", $"exec {Executables.Executables.Health} --config {Config}\n");
        Script("fake-nvidia-smi", $"# Replays the fixture chosen for this node (the node's UTS host name).\nexec /bin/cat {Directory}/gpu/$(/bin/hostname).xml\n");
        Script("reboot", $"exec {Executables.Executables.Reboot} --config {Config}\n");
        Script("rebuild-sim", $"# The site's reimage step, simulated: note the rebuild, then reboot through the testbed.\necho \"$1\" >> {Rebuilds}\nexec {Directory}/bin/reboot-node-sim\n");
        Script("notify", $"/bin/cat >> {Notifications}\necho >> {Notifications}\n");
        foreach (var node in new[] { "n1", "n2", "n3", "n4" })
        {
            ReplayGpus(node);
            var mount = Path.Combine(Directory, "mnt", node);
            System.IO.Directory.CreateDirectory(mount);
            Run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=1m", "hpcmaint-test", mount);
            var daemon = Path.Combine(Directory, "tools", DaemonName(node));
            File.Copy("/usr/bin/sleep", daemon);
            daemons.Add(System.Diagnostics.Process.Start(daemon, "3600").Id);
        }

        var perNode = string.Concat(new[] { "n1", "n2", "n3", "n4" }.Select(node => $"""

            [[health.check]]
            id = "scratch-{node}"
            check = "fs.mount"
            hosts = "{node}"
            path = "{Directory}/mnt/{node}"
            mode = "rw"
            [[health.check]]
            id = "testd-{node}"
            check = "ps.running"
            hosts = "{node}"
            name = "{DaemonName(node)}"
            """));
        File.WriteAllText(Config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(Directory)}
            command_timeout = "3s"
            [audit]
            journal = "{Journal}"
            [logging]
            level = "info"
            [reboot]
            command = ["{Directory}/bin/reboot-node-sim"]
            work_dir = "{Directory}/hpcmaint/reboot"
            metrics_file = "{Directory}/hpcmaint/reboot.prom"
            [rebuild]
            command = ["{Directory}/tools/rebuild-sim", "{NodePlaceholder}"]
            [health]
            budget = "10s"
            slurm_timeout = "2s"
            strikes = 2
            state_file = "{Directory}/hpcmaint/state-{NodePlaceholder}.json"
            metrics_file = "{Directory}/hpcmaint/metrics-{NodePlaceholder}.prom"
            [health.breaker]
            max_nodes = {BreakerNodes}
            [health.notify]
            command = ["{Directory}/tools/notify"]
            [[health.check]]
            id = "gpus"
            check = "gpu.nvidia"
            nvidia_smi = ["{Directory}/tools/fake-nvidia-smi", "-q", "-x"]
            count = 2
            """ + perNode + "\n" + extraToml);
    }

    /// <summary>
    /// The name of the daemon the ps.running check of <paramref name="node"/> looks for: unique to this bed
    /// (process names are the whole machine's, and other beds may run at the same time), within the 15
    /// characters the kernel keeps.
    /// </summary>
    private string DaemonName(string node) => "t" + Path.GetFileName(Directory)[^6..] + "-" + node;

    private void Script(string name, string body) => Scripts.Write(Path.Combine(Directory, "tools", name), body);

    private static void Run(string program, params string[] args)
    {
        var result = new ProcessRunner(TimeProvider.System).RunAsync(Command.For(program).WithArguments(args).WithTimeout(TimeSpan.FromSeconds(10)))
            .GetAwaiter().GetResult();
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"{result.Command}: {result.Outcome} {result.ExitCode}: {result.StandardError}");
        }
    }
}
