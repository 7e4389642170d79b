using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Slurm;

public sealed class SlurmVersionSpecs
{
    [Theory]
    [InlineData("slurm 22.05.8", 22, 5, 8)]
    [InlineData("slurm 24.11.5\n", 24, 11, 5)]
    [InlineData("26.05.0-0rc1", 26, 5, 0)]
    [InlineData("23.02", 23, 2, 0)]
    public void Versions_are_read_from_scontrol_version(string text, int major, int minor, int patch)
    {
        Assert.True(SlurmVersion.TryParse(text, out var v));
        Assert.Equal(new SlurmVersion(major, minor, patch), v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("slurm")]
    [InlineData("slurm x.y")]
    public void Text_without_a_version_is_refused(string text) => Assert.False(SlurmVersion.TryParse(text, out _));

    [Fact]
    public void Versions_order_by_release()
    {
        Assert.True(new SlurmVersion(22, 5, 8) < new SlurmVersion(23, 2, 0));
        Assert.True(new SlurmVersion(24, 11, 5) > new SlurmVersion(24, 5, 9));
        Assert.Equal("22.05.8", new SlurmVersion(22, 5, 8).ToString());
    }
}
