using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class RebuildJobsSpecs
{
    [Theory]
    [InlineData("hpcmaint image=2026.11 wave=3", "2026.11")]
    [InlineData("hpcmaint: rebuild n4 image=2026.11", "2026.11")]
    [InlineData("image=2026.11", null)]
    [InlineData("hpcmaint image=", null)]
    [InlineData(null, null)]
    public void The_image_is_read_from_the_marked_comment_only(string? comment, string? image) =>
        Assert.Equal(image, RebuildJobs.ImageOf(comment));

    [Fact]
    public void The_image_a_plan_writes_in_its_job_comment_is_the_one_hpcmaint_reboot_reads_back()
    {
        var plan = RebuildCluster.Plan(["n1"], image: "rocky-9.4");

        Assert.Equal("rocky-9.4", RebuildJobs.ImageOf(plan.JobComment));
    }
}
