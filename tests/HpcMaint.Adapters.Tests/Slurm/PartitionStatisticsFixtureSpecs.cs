using HpcMaint.Adapters.Slurm.Parsing;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>
/// The seed's partition statistics over a snapshot captured from the testbed on every release: n1 in the
/// MAINT reservation maint_n1, n2 draining, n5 down after its reboot was issued (in maintenance and down).
/// </summary>
public sealed class PartitionStatisticsFixtureSpecs
{
    [Theory]
    [MemberData(nameof(Fixture.EveryRelease), MemberType = typeof(Fixture))]
    public void Unavailable_down_combined_and_overlap_are_counted_as_the_seed_counts_them(string release)
    {
        var batch = Statistics(release);

        // Captured a moment apart: where n5's reboot had already timed out (26.05's capture), it is only down.
        var n5 = Assert.Single(Fixture.Nodes(release, Snapshot), n => n.Name == "n5");
        string[] rebooting = n5.State.IsRebootPending ? ["n5"] : [];
        Assert.Equal("batch", batch.Partition);
        Assert.Equal(["n1", .. rebooting], batch.Unavailable);
        Assert.Equal(["n2", "n5"], batch.Down);
        Assert.Equal(["n1", "n2", "n5"], batch.Combined);
        Assert.Equal(rebooting, batch.Overlap);
    }

    [Fact]
    public void On_22_05_the_node_rebooting_while_down_is_the_overlap_in_the_seeds_line()
    {
        Assert.Equal(
            "Partition 'batch' status: unavailable: 2/5 (40.0 %), down: 2/5 (40.0 %), combined: 3/5 (60.0 %), overlap: 1 (n[1-2,5])",
            Statistics("22.05").ToString());
    }

    private const string Snapshot = "nodes-maint-reservation";

    private static PartitionStats Statistics(string release)
    {
        var reservations = ScontrolReservationParser.Parse(Fixture.Read(release, "reservations-one.scontrol.txt"));
        var now = reservations[0].StartTime!.Value.AddMinutes(1);
        return Assert.Single(PartitionStatistics.Of(Fixture.Nodes(release, Snapshot), reservations, now, TimeSpan.FromHours(1), rebuildPartition: "rebuild"));
    }
}
