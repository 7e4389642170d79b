using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>Exactly what hpcmaint runs: argv lists (never a shell), so dry runs print what would run.</summary>
public sealed class SlurmCommandsSpecs
{
    private readonly SlurmCommands commands = new(new SlurmSettings { BinDir = "/opt/slurm/bin", Conf = "/etc/slurm/c1.conf", CommandTimeout = TimeSpan.FromSeconds(3) });

    [Fact]
    public void A_drain_is_one_scontrol_update_with_the_reason_as_one_argument()
    {
        var cmd = commands.Drain(["gpu003", "gpu001", "gpu002"], "hpcmaint: gpu.ecc: 3 vs 0");

        Assert.Equal("/opt/slurm/bin/scontrol", cmd.Program);
        Assert.Equal(new[] { "update", "nodename=gpu[003,001-002]", "state=drain", "reason=hpcmaint: gpu.ecc: 3 vs 0" }, cmd.Arguments);
        Assert.Equal("/etc/slurm/c1.conf", cmd.Environment["SLURM_CONF"]);
        Assert.Equal(TimeSpan.FromSeconds(3), cmd.Timeout);
    }

    [Fact]
    public void A_plain_reboot_has_no_asap_and_no_nextstate()
    {
        var plain = commands.Reboot(["n1"], new RebootRequest());
        var asap = commands.Reboot(["n1", "n2"], new RebootRequest(Asap: true, NextState: RebootNextState.Resume, Reason: "hpcmaint: kernel"));

        Assert.Equal(new[] { "reboot", "n1" }, plain.Arguments);
        Assert.Equal(new[] { "reboot", "ASAP", "nextstate=RESUME", "reason=hpcmaint: kernel", "n[1-2]" }, asap.Arguments);
    }

    [Fact]
    public void A_maintenance_reservation_is_maint_and_ignore_jobs_for_root_from_now()
    {
        var cmd = commands.CreateReservation(new ReservationRequest("hpcmaint_n3", ["n3"]));

        Assert.Equal(
            new[] { "create", "reservation", "reservationname=hpcmaint_n3", "starttime=now", "duration=UNLIMITED", "users=root", "nodes=n3", "flags=MAINT,IGNORE_JOBS" },
            cmd.Arguments);
    }

    [Fact]
    public void A_reservations_start_is_now_or_a_local_time_to_the_second_that_scontrol_reads_back_as_the_same_moment()
    {
        var now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var later = now.AddMinutes(7);

        var text = ReservationTimes.Start(later, now);
        var moved = commands.UpdateReservation("hpcmaint-rb-1-n1", new Dictionary<string, string> { ["starttime"] = ReservationTimes.Start(null, now) });

        Assert.Equal("now", ReservationTimes.Start(now.AddSeconds(-1), now));
        Assert.Equal(later, Adapters.Slurm.Parsing.ScontrolValues.LocalTime(text));
        Assert.Equal(new[] { "update", "reservationname=hpcmaint-rb-1-n1", "starttime=now" }, moved.Arguments);
    }

    [Fact]
    public void A_rebuild_job_is_submitted_with_its_options_and_the_script_on_standard_input()
    {
        var job = new BatchJobRequest("#!/bin/sh\nexec /usr/sbin/hpcmaint verify\n")
        {
            Name = "hpcmaint-rebuild-n1",
            Partition = "rebuild",
            NodeList = "n1",
            Reboot = true,
            Exclusive = true,
            NoRequeue = true,
            Comment = "hpcmaint image=rocky-9.4",
        };

        var cmd = commands.Submit(job);

        Assert.Equal("/opt/slurm/bin/sbatch", cmd.Program);
        Assert.Equal(
            new[] { "--parsable", "--job-name=hpcmaint-rebuild-n1", "--partition=rebuild", "--nodelist=n1", "--comment=hpcmaint image=rocky-9.4", "--reboot", "--exclusive", "--no-requeue" },
            cmd.Arguments);
        Assert.Equal(job.Script, cmd.StandardInput);
    }

    [Fact]
    public void Reads_use_json_where_slurm_has_it_and_one_record_per_line_otherwise()
    {
        Assert.Equal(new[] { "--json" }, commands.ShowNodes().Arguments);
        Assert.Equal(new[] { "--all", "--states=all", "--json" }, commands.ShowJobs().Arguments);
        Assert.Equal(new[] { "--all", "show", "partition", "--oneliner" }, commands.ShowPartitions().Arguments);
        Assert.Equal(new[] { "show", "reservation", "--oneliner" }, commands.ShowReservations().Arguments);
    }

    [Fact]
    public void A_node_command_without_nodes_is_refused_before_anything_runs() =>
        Assert.Throws<ArgumentException>(() => commands.Resume([]));

    [Fact]
    public void Without_a_configured_slurm_conf_the_environment_is_left_alone()
    {
        var cmd = new SlurmCommands(new SlurmSettings()).Resume(["n1"]);

        Assert.Equal("/usr/bin/scontrol", cmd.Program);
        Assert.False(cmd.Environment.ContainsKey("SLURM_CONF"));
    }
}
