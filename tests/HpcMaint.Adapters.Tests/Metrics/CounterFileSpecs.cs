using HpcMaint.Adapters.Metrics;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Adapters.Tests.Metrics;

public sealed class CounterFileSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-counters-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Counts_add_up_across_writers_and_the_file_parses()
    {
        var path = Path.Combine(dir, "reboot.prom");
        var ok = CounterFile.Add(path, [CounterIncrement.Count("hpcmaint_reboots_total", "Reboots by outcome.", ("method", "os"), ("outcome", "succeeded"))]);
        CounterFile.Add(path, [CounterIncrement.Count("hpcmaint_reboots_total", "Reboots by outcome.", ("method", "os"), ("outcome", "succeeded")),
            CounterIncrement.Count("hpcmaint_reboots_total", "Reboots by outcome.", ("method", "os"), ("outcome", "failed")),
            .. CounterIncrement.Duration("hpcmaint_reboot_duration_seconds", "Reboot durations.", TimeSpan.FromSeconds(2.5), ("method", "os"))]);
        CounterFile.Add(path, [.. CounterIncrement.Duration("hpcmaint_reboot_duration_seconds", "Reboot durations.", TimeSpan.FromSeconds(1.5), ("method", "os"))]);

        var samples = PrometheusText.Parse(File.ReadAllText(path));

        Assert.Null(ok);
        Assert.Equal(2, samples.Value("hpcmaint_reboots_total", ("outcome", "succeeded")));
        Assert.Equal(1, samples.Value("hpcmaint_reboots_total", ("outcome", "failed")));
        Assert.Equal(4, samples.Value("hpcmaint_reboot_duration_seconds_sum", ("method", "os")));
        Assert.Equal(2, samples.Value("hpcmaint_reboot_duration_seconds_count", ("method", "os")));
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_increment()
    {
        var path = Path.Combine(dir, "c.prom");
        var label = "a \"quoted\" \\ value\nwith a newline";
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                Assert.Null(CounterFile.Add(path, [CounterIncrement.Count("hpcmaint_x_total", "X.", ("what", label))]));
            }
        })));

        Assert.Equal(200, PrometheusText.Parse(File.ReadAllText(path)).Value("hpcmaint_x_total", ("what", label)));
    }

    [Theory]
    [InlineData("x 1\nx 2\n")]
    [InlineData("x{a=\"1\",a=\"2\"} 1\n")]
    [InlineData("x{a=\"1} 1\n")]
    [InlineData("x one\n")]
    [InlineData("x 1\n# TYPE x gauge\n")]
    [InlineData("# TYPE x gauge\nx_sum 1\n")]
    [InlineData("1x 1\n")]
    public void The_format_reader_rejects_what_the_format_forbids(string text) =>
        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
}
