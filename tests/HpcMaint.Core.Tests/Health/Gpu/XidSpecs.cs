using System.Text.Json;
using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class XidSpecs
{
    [Theory]
    [InlineData("xid/dmesg_xid48-63-94_dbe-rowremap.log", "48:1 63:1 94:9")]
    [InlineData("xid/dmesg_xid119_gsp-rpc-timeout.log", "119:5")]
    [InlineData("xid/dmesg-decode_xid13-43_small.log", "13:16 43:1")]
    [InlineData("xid/dmesg-decode_xid13-43_large.log", "13:629 43:7")]
    [InlineData("xid/dmesg_xid79_since-boot_EDITED.log", "79:1 119:4")]
    public void Every_Xid_line_of_each_log_format_is_found(string fixture, string expected)
    {
        var events = KernelLogXid.Parse(Fixture(fixture), TimeZoneInfo.Utc);

        var counts = events.GroupBy(e => e.Xid).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}");
        Assert.Equal(expected, string.Join(' ', counts));
    }

    [Fact]
    public void Times_are_read_from_iso_ctime_and_since_boot_stamps()
    {
        var iso = KernelLogXid.Parse(Fixture("xid/dmesg-decode_xid13-43_small.log"), TimeZoneInfo.Utc)[0];
        var ctime = KernelLogXid.Parse(Fixture("xid/dmesg_xid119_gsp-rpc-timeout.log"), TimeZoneInfo.Utc)[0];
        var sinceBoot = KernelLogXid.Parse(Fixture("xid/dmesg_xid79_since-boot_EDITED.log"), TimeZoneInfo.Utc)[0];

        Assert.Equal(("0000:38:00", new DateTimeOffset(2025, 1, 21, 4, 41, 44, TimeSpan.Zero).AddTicks(2833020)), (iso.Device, iso.When));
        Assert.Equal(new DateTimeOffset(2025, 2, 23, 16, 24, 18, TimeSpan.Zero), ctime.When);
        Assert.Equal(("0000:9b:00", (DateTimeOffset?)null, (double?)8000), (sinceBoot.Device, sinceBoot.When, sinceBoot.SinceBoot));
    }

    [Fact]
    public void Older_drivers_lines_without_PCI_or_pid_are_read()
    {
        var e = Assert.Single(KernelLogXid.Parse("[  345.123456] NVRM: Xid (0000:03:00): 14, Channel 00000001\n", TimeZoneInfo.Utc));

        Assert.Equal(("0000:03:00", 14, 345.123456), (e.Device, e.Xid, e.SinceBoot!.Value));
    }

    [Fact]
    public async Task Application_Xids_alone_pass()
    {
        var probe = new FakeHostProbe().WithProgramOutput(DmesgArgv, Fixture("xid/dmesg-decode_xid13-43_large.log"));

        var verdict = await RunAsync("gpu.xid", probe);

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_GPU_fallen_off_the_bus_is_critical_and_GSP_timeouts_ask_for_a_reset()
    {
        var probe = new FakeHostProbe().WithProgramOutput(DmesgArgv, Fixture("xid/dmesg_xid79_since-boot_EDITED.log"));

        var verdict = await RunAsync("gpu.xid", probe);

        Assert.Equal(
            [
                new Finding("gpu.xid", "Xid 79 (fallen off the bus) on 0000:9b:00", "no GPU-fault Xid", Critical: true),
                new Finding("gpu.xid", "Xid 119 (GSP RPC timeout) on 0000:9b:00 x4", "no GPU-fault Xid"),
            ],
            verdict.Findings);
    }

    [Fact]
    public async Task A_double_bit_error_and_its_pending_remap_fail_but_contained_errors_do_not()
    {
        var probe = new FakeHostProbe().WithProgramOutput(DmesgArgv, Fixture("xid/dmesg_xid48-63-94_dbe-rowremap.log"));

        var verdict = await RunAsync("gpu.xid", probe);

        Assert.Equal(["Xid 48 (double bit ECC error) on 0000:19:00", "Xid 63 (row remapping pending) on 0000:19:00"], verdict.Findings.Select(f => f.Actual));
        Assert.Equal([true, false], verdict.Findings.Select(f => f.Critical));
    }

    [Fact]
    public async Task A_remapping_failure_Xid_goes_to_a_person()
    {
        var probe = new FakeHostProbe().WithProgramOutput(DmesgArgv, "[ 10.5] NVRM: Xid (PCI:0000:3b:00): 64, pid='<unknown>', name=<unknown>, Row Remapper Error\n");

        var finding = Assert.Single((await RunAsync("gpu.xid", probe)).Findings);

        Assert.Equal((LadderStep.Manual, true), (finding.Remedy, finding.Critical));
    }

    [Fact]
    public async Task Events_older_than_the_window_are_ignored_and_since_boot_stamps_use_the_uptime()
    {
        var now = new DateTimeOffset(2025, 2, 23, 18, 0, 0, TimeSpan.Zero);
        var time = new FixedTime(now);
        var recentIso = new FakeHostProbe(time).WithProgramOutput(DmesgArgv, "2025-02-23T17:30:00,000000+00:00 NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=x, GPU has fallen off the bus.\n");
        var oldIso = new FakeHostProbe(time).WithProgramOutput(DmesgArgv, "2025-02-23T15:00:00,000000+00:00 NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=x, GPU has fallen off the bus.\n");
        var oldSinceBoot = new FakeHostProbe(time)
            .WithProgramOutput(DmesgArgv, Fixture("xid/dmesg_xid79_since-boot_EDITED.log"))
            .WithFile("/proc/uptime", "20000.00 150000.00\n");

        Assert.Equal(CheckStatus.Fail, (await RunAsync("gpu.xid", recentIso, "window = \"1h\"")).Status);
        Assert.Equal(CheckStatus.Pass, (await RunAsync("gpu.xid", oldIso, "window = \"1h\"")).Status);
        Assert.Equal(CheckStatus.Pass, (await RunAsync("gpu.xid", oldSinceBoot, "window = \"1h\"")).Status);
    }

    [Fact]
    public async Task A_kernel_log_that_cannot_be_read_is_an_error()
    {
        var probe = new FakeHostProbe().WithProgram(DmesgArgv, new ProbeOutput(1, string.Empty, "dmesg: read kernel buffer failed: Operation not permitted\n"));

        var verdict = await RunAsync("gpu.xid", probe);

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains("Operation not permitted", Assert.Single(verdict.Findings).Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogue_agrees_with_NVIDIAs_immediate_actions_in_the_OCI_copy_except_where_commented()
    {
        using var doc = JsonDocument.Parse(Fixture("xid/catalog_oci-hpc_xid_catalog_data.json"));
        var deliberate = new HashSet<int> { 63, 64, 157 };
        var disagreements = new List<string>();
        var compared = 0;
        foreach (var entry in doc.RootElement.GetProperty("xid_error_catalog").EnumerateObject())
        {
            var xid = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            var action = entry.Value.GetProperty("action").GetString()!;
            var description = entry.Value.GetProperty("description").GetString()!;
            XidClass? expected = action switch
            {
                "RESTART_APP" or "IGNORE" or "CHECK_UVM" => XidClass.Application,
                "RESET_GPU" or "RESTART_BM" or "RESTART_VM" or "UPDATE_SWFW" or "XID_154" => XidClass.Reset,
                _ when action.StartsWith("WORKFLOW_", StringComparison.Ordinal) => null,
                "CONTACT_SUPPORT" or "CHECK_MECHANICALS" when description != "Unused" => XidClass.Hardware,
                _ => null,
            };
            if (expected is not { } e || deliberate.Contains(xid))
            {
                continue;
            }

            compared++;
            if (XidCatalog.Classify(xid) != e)
            {
                disagreements.Add($"{xid} {action}: {XidCatalog.Classify(xid)}");
            }
        }

        Assert.Equal(string.Empty, string.Join("; ", disagreements));
        Assert.True(compared >= 50, $"only {compared} catalogue entries were compared: has the fixture's shape changed?");
    }

    [Fact]
    public void Xids_that_NVIDIAs_workflows_or_other_catalogues_treat_as_node_faults_are_never_application_errors()
    {
        var azure = Fixture("xid/catalog_azure-aznhc_azure_gpu_xid.nhc").Split('\n').Single(l => l.StartsWith("XID_EC=", StringComparison.Ordinal))[8..^1];
        // NVIDIA's own bucket for these is RESTART_APP/IGNORE; Azure fails the node on them regardless.
        var nvidiaSaysApplication = new HashSet<int> { 68, 69, 80, 92 };
        var nodeFaults = azure.Split(' ').Select(int.Parse).Where(x => !nvidiaSaysApplication.Contains(x)).Concat([74, 144, 150]);

        Assert.All(nodeFaults, xid => Assert.NotEqual(XidClass.Application, XidCatalog.Classify(xid)));
        Assert.Equal(XidClass.Hardware, XidCatalog.Classify(64));
        Assert.All(new[] { 13, 31, 43, 94 }, xid => Assert.Equal(XidClass.Application, XidCatalog.Classify(xid)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
