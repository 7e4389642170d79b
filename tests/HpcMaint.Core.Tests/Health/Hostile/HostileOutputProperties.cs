using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.Core.Tests.Health.SystemChecks;

namespace HpcMaint.Core.Tests.Health.Hostile;

/// <summary>
/// Every tool parser and file reader, fed random bytes, NULs, real fixtures cut at every offset and outputs of
/// megabytes: no exception, a pass/fail/error verdict, printable bounded text; a cut nvidia-smi output never a lost GPU.
/// </summary>
public sealed class HostileOutputProperties
{
    private static readonly string[] Query = ["/usr/bin/nvidia-smi", "--query-gpu=" + NvidiaSmiCsv.DefaultFields, "--format=csv"];
    private static readonly string[] RocmSmi = ["/opt/rocm/bin/rocm-smi", "--showtemp", "--showuse", "--showmeminfo", "vram", "--showbus", "--json"];
    private static readonly string[] RocmInfo = ["/opt/rocm/bin/rocminfo"];
    private static readonly string[] Dcgmi = ["/usr/bin/dcgmi", "diag", "-r", "1", "-j"];
    private const string IbPort = "/sys/class/infiniband/mlx5_0/ports/1";

    /// <summary>One place a node's text enters a check: the check, and a node whose text there is the given one.</summary>
    private sealed record Entry(string Name, string Fixture, IHealthCheck Check, Func<string, FakeHostProbe> Node)
    {
        public override string ToString() => Name;
    }

    private static readonly Entry[] Entries =
    [
        new("nvidia-smi -q -x", "nvidia-smi-xml/gtx-1660-ti_418.43.xml", Gpu.GpuSpecKit.Create("gpu.nvidia", "count = 1"),
            t => new FakeHostProbe().WithProgramOutput(Gpu.GpuSpecKit.XmlArgv, t)),
        new("nvidia-smi --query-gpu", "nvidia-smi-csv/h100x8_535.161.07_query-gpu.csv", Gpu.GpuSpecKit.Create("gpu.nvidia.query", "count = 8"),
            t => new FakeHostProbe().WithProgramOutput(Query, t)),
        new("nvidia-smi nvlink -s", "nvlink/a100x8_nvlink-status.txt", Gpu.GpuSpecKit.Create("gpu.nvidia.query", "nvlink = true\nnvlink_links = 12"),
            t => new FakeHostProbe().WithProgramOutput(Query, Gpu.GpuSpecKit.Fixture("nvidia-smi-csv/h100x8_535.161.07_query-gpu.csv")).WithProgramOutput(Gpu.GpuSpecKit.NvLinkArgv, t)),
        new("dcgmi diag", "dcgm/dcgmi-diag-r1_t4_pass.json", Gpu.GpuSpecKit.Create("dcgm"),
            t => new FakeHostProbe().WithProgramOutput(Dcgmi, t)),
        new("rocm-smi", "amd/rocm-smi_mi100x4_rocm6.0.2.json", Gpu.GpuSpecKit.Create("gpu.amd", "count = 4\nmin_vram = \"32GiB\""),
            t => new FakeHostProbe().WithProgramOutput(RocmSmi, t).WithProgramOutput(RocmInfo, string.Empty)),
        new("rocminfo", "amd/rocminfo_mi300x_EXTRACTED.txt", Gpu.GpuSpecKit.Create("gpu.amd"),
            t => new FakeHostProbe().WithProgramOutput(RocmSmi, Gpu.GpuSpecKit.Fixture("amd/rocm-smi_mi50-32gb_vega20.json")).WithProgramOutput(RocmInfo, t)),
        new("dmesg", "xid/dmesg_xid48-63-94_dbe-rowremap.log", Gpu.GpuSpecKit.Create("gpu.xid"),
            t => new FakeHostProbe().WithProgramOutput(Gpu.GpuSpecKit.DmesgArgv, t)),
        new("/proc/meminfo", "../procfs/meminfo_16gb_procfs-fixture.txt", SystemCheck.Create("hw.memory", "physical = \"16GiB\"\nswap = \"8GiB\"\nmin_free = \"5%\""),
            t => new FakeHostProbe().WithFile("/proc/meminfo", t)),
        new("/proc/cpuinfo", "../procfs/cpuinfo_build-machine_2cpu.txt", SystemCheck.Create("hw.cpu", "sockets = 1\ncores = 2\nthreads = 2"),
            t => new FakeHostProbe().WithFile("/proc/cpuinfo", t)),
        new("/proc/mounts", "../procfs/mounts_gpfs-nfsroot_osc.txt", SystemCheck.Create("fs.mount", "path = \"/fs/scratch\""),
            t => new FakeHostProbe().WithFile("/proc/mounts", t)),
        new("IB port state", "../ib/sysfs/gpud_h100-ndr_sys-class-infiniband/mlx5_0/ports/1/state", SystemCheck.Create("ib.port", "min_rate = 400"),
            t => new FakeHostProbe().WithTree("/sys/class/infiniband", "Fixtures/ib/sysfs/gpud_h100-ndr_sys-class-infiniband").WithFile(IbPort + "/state", t)),
        new("IB port rate", "../ib/sysfs/gpud_h100-ndr_sys-class-infiniband/mlx5_0/ports/1/rate", SystemCheck.Create("ib.port", "min_rate = 400"),
            t => new FakeHostProbe().WithTree("/sys/class/infiniband", "Fixtures/ib/sysfs/gpud_h100-ndr_sys-class-infiniband").WithFile(IbPort + "/rate", t)),
    ];

    public static TheoryData<string> EntryNames => new(Entries.Select(e => e.Name));

    [Fact]
    public void Random_bytes_and_NULs_anywhere_give_a_verdict_with_printable_bounded_text()
    {
        var junk = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => Encoding.UTF8.GetString(b)),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => Encoding.Latin1.GetString(b)),
            Gen.Elements('\0', '\u001b', '\n', '\r', '\u202E', '\uD800', ',', '<', ':', 'x', '9').ArrayOf().Select(c => new string(c)));
        var cases =
            from entry in Gen.Elements(Entries)
            from noise in junk
            from percent in Gen.Choose(0, 100)
            from mode in Gen.Elements("alone", "inside", "appended")
            select (entry, text: Mix(Gpu.GpuSpecKit.Fixture(entry.Fixture), noise, percent, mode));

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(600), Prop.ForAll(cases.ToArbitrary(), c => Holds(c.entry, c.text)));
    }

    [Theory]
    [MemberData(nameof(EntryNames))]
    public void A_real_output_cut_at_any_offset_gives_a_verdict_and_never_a_lost_GPU(string name)
    {
        var entry = Entries.Single(e => e.Name == name);
        var text = Gpu.GpuSpecKit.Fixture(entry.Fixture);
        foreach (var end in Cuts(text))
        {
            var verdict = Holds(entry, text[..end]);
            if (name.StartsWith("nvidia-smi -", StringComparison.Ordinal) && end < text.Length)
            {
                Assert.DoesNotContain(verdict.Findings, f => f.Critical || f.Condition == "gpu.nvidia.lost");
            }
        }
    }

    [Theory]
    [InlineData("nvidia-smi-xml/a10g_515.105.01.xml", 1)]
    [InlineData("nvidia-smi-xml/rtx-a5000-x2_590.44.01.xml", 2)]
    [InlineData("nvidia-smi-csv/h100_590.48.01_query-gpu-allfields_idle.csv", 1)]
    public void A_cut_nvidia_smi_output_never_reports_a_lost_GPU(string fixture, int gpus)
    {
        var text = Gpu.GpuSpecKit.Fixture(fixture);
        var xml = fixture.EndsWith(".xml", StringComparison.Ordinal);
        var check = Gpu.GpuSpecKit.Create(xml ? "gpu.nvidia" : "gpu.nvidia.query", $"count = {gpus}");
        foreach (var end in Cuts(text).Where(e => e < text.Length))
        {
            var probe = new FakeHostProbe().WithProgramOutput(xml ? Gpu.GpuSpecKit.XmlArgv : Query, text[..end]);
            var verdict = Verdict(check, probe);

            Assert.DoesNotContain(verdict.Findings, f => f.Critical || f.Condition == "gpu.nvidia.lost");
        }
    }

    [Fact]
    public void Outputs_of_megabytes_give_a_verdict_in_reasonable_time()
    {
        var random = new Random(9);
        foreach (var entry in Entries)
        {
            var fixture = Gpu.GpuSpecKit.Fixture(entry.Fixture);
            var repeated = new StringBuilder().Insert(0, fixture.Length == 0 ? "x" : fixture, Math.Max(1, (2 << 20) / Math.Max(1, fixture.Length))).ToString();
            var noise = new string(Enumerable.Range(0, 2 << 20).Select(_ => (char)random.Next(0, 256)).ToArray());
            foreach (var text in new[] { repeated, noise, fixture + new string('\0', 2 << 20) })
            {
                var clock = Stopwatch.StartNew();
                Holds(entry, text);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{entry.Name}: {clock.Elapsed} for {text.Length} characters");
            }
        }
    }

    /// <summary>
    /// Where to cut a fixture: every offset of a small one; of a larger one every offset of its first and last
    /// 300 characters (headers, closing tags) and some 1500 evenly spread between, to stay within seconds.
    /// </summary>
    private static IEnumerable<int> Cuts(string text)
    {
        var stride = Math.Max(1, text.Length / 1500);
        for (var end = 0; end <= text.Length; end += end < 300 || end > text.Length - 300 ? 1 : stride)
        {
            yield return end;
        }
    }

    private static string Mix(string fixture, string noise, int percent, string mode)
    {
        var at = fixture.Length * percent / 100;
        return mode switch
        {
            "alone" => noise,
            "inside" => string.Concat(fixture.AsSpan(0, at), noise, fixture.AsSpan(at)),
            _ => fixture[..at] + noise,
        };
    }

    // The fake node answers at once; thousands of runs stay cheap without async state machines.
    private static CheckVerdict Verdict(IHealthCheck check, FakeHostProbe probe) =>
        check.RunAsync(probe, CancellationToken.None).GetAwaiter().GetResult();

    private static CheckVerdict Holds(Entry entry, string text)
    {
        CheckVerdict verdict;
        try
        {
            verdict = Verdict(entry.Check, entry.Node(text));
        }
        catch (Exception e)
        {
            Assert.Fail($"{entry.Name} threw on {text.Length} characters: {e}");
            throw;
        }

        Assert.True(Enum.IsDefined(verdict.Status), entry.Name);
        Assert.Equal(verdict.Status == CheckStatus.Pass, verdict.Findings.Count == 0);
        var shown = verdict.Printable();
        foreach (var f in shown.Findings)
        {
            foreach (var part in new[] { f.Condition, f.Actual, f.Expected })
            {
                Assert.True(PrintableText.IsPrintable(part, keepLines: false), $"{entry.Name}: {part}");
                Assert.True(part.Length <= CheckVerdict.MaxFindingLength, $"{entry.Name}: {part.Length} characters");
            }

            var reason = DrainReasons.For(f, 1, LadderStep.Reboot);
            Assert.True(PrintableText.IsPrintable(reason, keepLines: false) && reason.Length <= NodeReason.MaxLength, reason);
        }

        Assert.True(PrintableText.IsPrintable(shown.Output, keepLines: true), entry.Name);
        Assert.True(shown.Output.Length <= CheckVerdict.MaxOutputLength, entry.Name);
        return verdict;
    }
}
