using HpcMaint.Core.Config;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Config;

public sealed class OciMaintenanceConfigSpecs
{
    private static ConfigResult Read(string toml) => HpcMaintConfigReader.Read(TomlParser.Parse(toml, "t.toml"), "t.toml");

    [Fact]
    public void Without_the_section_no_fault_code_is_approved_so_every_event_is_reported_only()
    {
        var m = Read("[oci]\n").Config!.Oci!.Maintenance;

        Assert.Empty(m.ApprovedFaultCodes);
        Assert.Empty(m.ExcludedHosts);
        Assert.Equal((10, 8, 25, TimeSpan.FromHours(48), 3), (m.DailyCap, m.MaxConcurrent, m.MaxDownPercent, m.DueWithin, m.MaxReschedules));
        Assert.Equal(("maintenance_processed", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)), (m.ProcessedTag, m.ScheduleLead, m.LoopInterval));
        Assert.Equal(["/usr/sbin/hpcmaint", "verify"], m.Gate);
        Assert.Empty(m.OnFailure);
        Assert.Equal(TimeSpan.FromMinutes(1), m.OnFailureTimeout);
    }

    [Fact]
    public void Every_key_is_read_and_excluded_hosts_are_hostlists()
    {
        var result = Read("""
            [oci]
            [oci.maintenance]
            approved_fault_codes = ["HPCGPU-0001-01", "HPCRDMA-0002-02"]
            excluded_hosts = ["gpu[01-03]", "login1"]
            daily_cap = 4
            max_concurrent = 2
            max_down = 50
            due_within = "12h"
            max_reschedules = 1
            schedule_lead = "0s"
            processed_tag = "hpcmaint_done"
            gate = ["/usr/sbin/hpcmaint", "verify", "--quick"]
            gate_timeout = "5m"
            on_failure = ["/usr/local/sbin/terminate-instance", "--region", "eu-frankfurt-1"]
            on_failure_timeout = "30s"
            loop_interval = "10m"
            state_dir = "/var/lib/hpcmaint/oci"
            """);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var m = result.Config!.Oci!.Maintenance;
        Assert.Equal(["HPCGPU-0001-01", "HPCRDMA-0002-02"], m.ApprovedFaultCodes);
        Assert.Equal(["gpu01", "gpu02", "gpu03", "login1"], m.ExcludedHosts);
        Assert.Equal((4, 2, 50, TimeSpan.FromHours(12), 1, TimeSpan.Zero), (m.DailyCap, m.MaxConcurrent, m.MaxDownPercent, m.DueWithin, m.MaxReschedules, m.ScheduleLead));
        Assert.Equal(("hpcmaint_done", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), "/var/lib/hpcmaint/oci"), (m.ProcessedTag, m.GateTimeout, m.LoopInterval, m.StateDir));
        Assert.Equal(["/usr/sbin/hpcmaint", "verify", "--quick"], m.Gate);
        Assert.Equal(["/usr/local/sbin/terminate-instance", "--region", "eu-frankfurt-1"], m.OnFailure);
        Assert.Equal(TimeSpan.FromSeconds(30), m.OnFailureTimeout);
    }

    [Theory]
    [InlineData("approved_fault_codes = [\"HPCGPU 0001\"]", "oci.maintenance.approved_fault_codes", "write OCI's faultId exactly")]
    [InlineData("approved_fault_codes = [\"A-1\", \"A-1\"]", "oci.maintenance.approved_fault_codes", "listed twice")]
    [InlineData("excluded_hosts = [\"gpu[04-01]\"]", "oci.maintenance.excluded_hosts", "is not a hostlist")]
    [InlineData("daily_cap = -1", "oci.maintenance.daily_cap", "")]
    [InlineData("max_down = 0", "oci.maintenance.max_down", "")]
    [InlineData("processed_tag = \"a b\"", "oci.maintenance.processed_tag", "freeform tag key")]
    [InlineData("due_within = \"forever\"", "oci.maintenance.due_within", "")]
    [InlineData("dailycap = 3", "oci.maintenance.dailycap", "")]
    [InlineData("on_failure = [\"notify-ops\"]", "oci.maintenance.on_failure", "absolute path")]
    [InlineData("on_failure = []", "oci.maintenance.on_failure", "must name a program")]
    [InlineData("on_failure_timeout = \"0s\"", "oci.maintenance.on_failure_timeout", "")]
    public void A_wrong_value_names_the_key_its_line_and_what_to_write(string line, string key, string hint)
    {
        var result = Read("[oci]\n[oci.maintenance]\n" + line + "\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((key, 3), (error.Key, error.Line));
        Assert.Contains(hint, error.Problem, StringComparison.Ordinal);
    }
}
