using HpcMaint.Adapters.Slurm.Parsing;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>`scontrol show … -o` of every release: one record per line, values with spaces kept whole.</summary>
public sealed class ScontrolParserSpecs
{
    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Values_with_spaces_stay_whole_in_a_one_line_record(string release)
    {
        var records = ScontrolRecords.Parse(Fixture.Read(release, "nodes-draining.scontrol-node.txt"));

        var n2 = Assert.Single(records, r => r["NodeName"] == "n2");
        Assert.StartsWith("Linux ", n2["OS"], StringComparison.Ordinal);
        Assert.Contains(" SMP ", n2["OS"], StringComparison.Ordinal);
        Assert.Equal("ALLOCATED+DRAIN", n2["State"]);
        Assert.StartsWith("hpcmaint: rolling reboot [root@", n2["Reason"], StringComparison.Ordinal);
        Assert.Equal("batch,rebuild", n2["Partitions"]);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void A_job_comment_with_spaces_and_an_equals_sign_is_kept_whole(string release)
    {
        var job = Assert.Single(ScontrolRecords.Parse(Fixture.Read(release, "job-configuring.scontrol.txt")));

        Assert.Equal("CONFIGURING", job["JobState"]);
        Assert.Equal("1", job["Reboot"]);
        Assert.Equal("hpcmaint: rebuild n4 image=2026.11", job["Comment"]);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Partitions_are_read_with_the_settings_of_the_hidden_rebuild_partition(string release)
    {
        var partitions = ScontrolPartitionParser.Parse(Fixture.Read(release, "partitions.scontrol.txt"));

        var batch = Assert.Single(partitions, p => p.Name == "batch");
        var rebuild = Assert.Single(partitions, p => p.Name == "rebuild");
        Assert.True(batch.IsDefault);
        Assert.False(batch.IsHidden);
        Assert.Equal(1, batch.PriorityTier);
        Assert.Equal(new[] { "n1", "n2", "n3", "n4", "n5" }, rebuild.Nodes);
        Assert.Equal("n[1-5]", rebuild.NodesExpression);
        Assert.True(rebuild.IsHidden && rebuild.IsRootOnly);
        Assert.Equal(65533, rebuild.PriorityTier);
        Assert.Equal("EXCLUSIVE", rebuild.OverSubscribe);
        Assert.Equal("UP", rebuild.State);
        Assert.Equal("OFF", batch.PreemptMode);
        Assert.Equal("OFF", rebuild.PreemptMode);
    }

    [Fact]
    public void A_partitions_preempt_mode_is_read_as_scontrol_writes_it_and_a_missing_one_is_off()
    {
        const string text = "PartitionName=low Nodes=n[1-2] PriorityTier=1 PreemptMode=REQUEUE State=UP\n"
            + "PartitionName=gang Nodes=n[1-2] PriorityTier=1 PreemptMode=SUSPEND,GANG State=UP\n"
            + "PartitionName=old Nodes=n[1-2] PriorityTier=5 State=UP\n";

        var partitions = ScontrolPartitionParser.Parse(text);

        Assert.Equal(["REQUEUE", "SUSPEND,GANG", "OFF"], partitions.Select(p => p.PreemptMode));
    }

    [Fact]
    public void PreemptType_is_read_from_scontrol_show_config()
    {
        const string config = "Configuration data as of 2026-12-07T16:40:00\n"
            + "PreemptMode             = REQUEUE\n"
            + "PreemptParameters       = (null)\n"
            + "PreemptType             = preempt/partition_prio\n"
            + "PreemptExemptTime       = 00:00:00\n"
            + "SlurmUser               = slurm(64030)\n";

        Assert.Equal("preempt/partition_prio", ScontrolConfigParser.PreemptType(config));
        Assert.Equal("slurm", ScontrolConfigParser.SlurmUser(config));
        Assert.Null(ScontrolConfigParser.PreemptType("SlurmUser = slurm(64030)\n"));
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Reservations_are_read_with_flags_times_and_state(string release)
    {
        var reservations = ScontrolReservationParser.Parse(Fixture.Read(release, "reservations-two.scontrol.txt"));

        var now = Assert.Single(reservations, r => r.Name == "maint_n1");
        var later = Assert.Single(reservations, r => r.Name == "maint_n2_later");
        Assert.True(now.IsMaintenance);
        Assert.Equal(new[] { "MAINT", "IGNORE_JOBS", "SPEC_NODES" }, now.Flags);
        Assert.Equal(new[] { "n1" }, now.Nodes);
        Assert.Equal("ACTIVE", now.State);
        Assert.Equal("root", now.Users);
        Assert.Equal("INACTIVE", later.State);
        Assert.Equal(TimeSpan.FromHours(2), later.EndTime - later.StartTime);
    }

    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void No_reservations_reads_as_an_empty_list(string release)
    {
        Assert.Empty(ScontrolReservationParser.Parse(Fixture.Read(release, "reservations-none.scontrol.txt")));
        Assert.Single(ScontrolReservationParser.Parse(Fixture.Read(release, "reservations-one.scontrol.txt")));
    }
}
