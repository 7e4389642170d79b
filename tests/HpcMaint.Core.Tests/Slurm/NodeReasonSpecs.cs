using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Slurm;

public sealed class NodeReasonSpecs
{
    [Theory]
    [InlineData("hpcmaint: gpu.ecc: 3 vs 0", true)]
    [InlineData("hpcmaint:manual", true)]
    [InlineData("NHC: check_fs_mount: /scratch", false)]
    [InlineData("Reboot ASAP", false)]
    [InlineData("disk replaced, ask Bob", false)]
    [InlineData(" hpcmaint: leading space is someone else's", false)]
    [InlineData("HPCMAINT: upper case is someone else's", false)]
    [InlineData(null, false)]
    public void Only_reasons_that_start_with_our_prefix_are_ours(string? reason, bool ours) =>
        Assert.Equal(ours, NodeReason.IsOwnedByHpcmaint(reason));

    [Fact]
    public void A_created_reason_is_ours_and_never_longer_than_slurm_should_store()
    {
        var reason = NodeReason.Create(new string('x', 500));

        Assert.True(NodeReason.IsOwnedByHpcmaint(reason));
        Assert.Equal(NodeReason.MaxLength, reason.Length);
        Assert.Equal("hpcmaint: fs.free: 1% vs 3%", NodeReason.Create("fs.free: 1% vs 3%"));
    }
}
