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
        var ok = CounterFile.Apply(path, [MetricChange.Count("hpcmaint_reboots_total", "Reboots by outcome.", ("method", "os"), ("outcome", "succeeded"))]);
        CounterFile.Apply(path, [MetricChange.Count("hpcmaint_reboots_total", "Reboots by outcome.", ("method", "os"), ("outcome", "succeeded")),
            MetricChange.Count("hpcmaint_reboots_total", "Reboots by outcome.", ("method", "os"), ("outcome", "failed")),
            .. MetricChange.Duration("hpcmaint_reboot_duration_seconds", "Reboot durations.", TimeSpan.FromSeconds(2.5), ("method", "os"))]);
        CounterFile.Apply(path, [.. MetricChange.Duration("hpcmaint_reboot_duration_seconds", "Reboot durations.", TimeSpan.FromSeconds(1.5), ("method", "os"))]);

        var samples = PrometheusText.Parse(File.ReadAllText(path));

        Assert.Null(ok);
        Assert.Equal(2, samples.Value("hpcmaint_reboots_total", ("outcome", "succeeded")));
        Assert.Equal(1, samples.Value("hpcmaint_reboots_total", ("outcome", "failed")));
        Assert.Equal(4, samples.Value("hpcmaint_reboot_duration_seconds_sum", ("method", "os")));
        Assert.Equal(2, samples.Value("hpcmaint_reboot_duration_seconds_count", ("method", "os")));
    }

    [Fact]
    public void A_gauge_moves_by_deltas_or_is_set_and_the_other_families_are_kept()
    {
        var path = Path.Combine(dir, "g.prom");
        CounterFile.Apply(path, [MetricChange.GaugeBy("hpcmaint_in_flight", "In flight.", 3), MetricChange.Count("hpcmaint_x_total", "X.")]);
        CounterFile.Apply(path, [MetricChange.GaugeBy("hpcmaint_in_flight", "In flight.", -1), MetricChange.GaugeTo("hpcmaint_last_seconds", "Last.", 17, ("a", "1"))]);
        CounterFile.Apply(path, [MetricChange.GaugeTo("hpcmaint_last_seconds", "Last.", 5, ("a", "1"))]);

        var samples = PrometheusText.Parse(File.ReadAllText(path));

        Assert.Equal(2, samples.Value("hpcmaint_in_flight"));
        Assert.Equal(5, samples.Value("hpcmaint_last_seconds", ("a", "1")));
        Assert.Equal(1, samples.Value("hpcmaint_x_total"));
        Assert.Contains("# TYPE hpcmaint_in_flight gauge\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_help_and_labels_survive_every_rewrite_unchanged()
    {
        var path = Path.Combine(dir, "e.prom");
        var label = "a \"quoted\" \\ value\nwith a newline";
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(CounterFile.Apply(path, [MetricChange.Count("hpcmaint_e_total", "Help with a \\ backslash\nand a newline.", ("what", label))]));
        }

        // Rewrites by a process that changes only another family keep this one's help and labels as they were.
        for (var i = 0; i < 2; i++)
        {
            Assert.Null(CounterFile.Apply(path, [MetricChange.Count("hpcmaint_other_total", "Other.")]));
        }

        var text = File.ReadAllText(path);
        Assert.Equal(3, PrometheusText.Parse(text).Value("hpcmaint_e_total", ("what", label)));
        Assert.Contains("# HELP hpcmaint_e_total Help with a \\\\ backslash\\nand a newline.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_it_did_not_write_are_dropped_and_the_counts_go_on()
    {
        var path = Path.Combine(dir, "h.prom");
        CounterFile.Apply(path, [MetricChange.Count("hpcmaint_h_total", "H.")]);
        File.AppendAllText(path, "hpcmaint_h_total{broken 7\nnot a sample\n");

        CounterFile.Apply(path, [MetricChange.Count("hpcmaint_h_total", "H.")]);

        var samples = PrometheusText.Parse(File.ReadAllText(path));
        Assert.Equal(2, Assert.Single(samples).Value);
    }

    [Fact]
    public void An_update_can_remove_samples_and_a_family_left_empty_goes()
    {
        var path = Path.Combine(dir, "r.prom");
        CounterFile.Apply(path, [MetricChange.GaugeTo("hpcmaint_p", "P.", 1, ("plan", "a")), MetricChange.GaugeTo("hpcmaint_p", "P.", 2, ("plan", "b")), MetricChange.GaugeTo("hpcmaint_q", "Q.", 3, ("plan", "a"))]);

        CounterFile.Update(path, f => f.Remove(s => s.Label("plan") == "a"));

        var text = File.ReadAllText(path);
        Assert.Equal([("hpcmaint_p", 2.0)], PrometheusText.Parse(text).Select(s => (s.Name, s.Value)));
        Assert.DoesNotContain("hpcmaint_q", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_it_cannot_write_is_said_and_nothing_is_thrown()
    {
        var file = Path.Combine(dir, "not-a-dir");
        File.WriteAllText(file, string.Empty);

        var problem = CounterFile.Apply(Path.Combine(file, "x.prom"), [MetricChange.Count("hpcmaint_x_total", "X.")]);

        Assert.NotNull(problem);
    }

    [Fact]
    public void Concurrent_writers_lose_no_increment()
    {
        var path = Path.Combine(dir, "c.prom");
        var label = "a \"quoted\" \\ value\nwith a newline";
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(8);
        var writers = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 50; i++)
            {
                if (CounterFile.Apply(path, [MetricChange.Count("hpcmaint_x_total", "X.", ("what", label))]) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        })).ToArray();
        foreach (var writer in writers)
        {
            writer.Start();
        }

        foreach (var writer in writers)
        {
            writer.Join();
        }

        Assert.Empty(problems);
        Assert.Equal(400, PrometheusText.Parse(File.ReadAllText(path)).Value("hpcmaint_x_total", ("what", label)));
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
