using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Slurm;

public sealed class BootTimesSpecs
{
    private static readonly DateTimeOffset Asked = new(2026, 12, 7, 8, 58, 22, 700, TimeSpan.Zero);

    [Fact]
    public void A_boot_in_the_second_of_the_request_is_the_boot_asked_for() =>
        Assert.True(BootTimes.IsAfter(new DateTimeOffset(2026, 12, 7, 8, 58, 22, TimeSpan.Zero), Asked));

    [Fact]
    public void A_boot_a_second_before_the_request_is_not() =>
        Assert.False(BootTimes.IsAfter(new DateTimeOffset(2026, 12, 7, 8, 58, 21, TimeSpan.Zero), Asked));

    [Fact]
    public void No_boot_time_is_no_boot() => Assert.False(BootTimes.IsAfter(null, Asked));
}
