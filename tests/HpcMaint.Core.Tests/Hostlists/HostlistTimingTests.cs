using System.Diagnostics;
using HpcMaint.Core.Hostlists;
using Xunit.Abstractions;

namespace HpcMaint.Core.Tests.Hostlists;

/// <summary>
/// Measures 100,000-name lists and prints the times (no timer is asserted: build machines vary).
/// The whole-process budget is 45 ms for compress and 30 ms for expand, .NET start-up included.
/// </summary>
public class HostlistTimingTests(ITestOutputHelper output)
{
    private const int NameCount = 100_000;

    [Fact]
    public void A_100000_name_cluster_round_trips_and_its_timing_is_reported()
    {
        // Racks of GPU nodes with a few gaps and a few names out of order, plus stray service nodes.
        var names = Enumerable.Range(1, NameCount - 3)
            .Select(i => i % 997 == 0 ? $"gpu{(i + 1):D6}" : $"gpu{i:D6}")
            .Concat(["login1", "login2", "db"])
            .ToList();

        string compressed = Measure("compress (runs)", () => Hostlist.Compress(names));
        var expanded = Measure("expand (ranged)", () => Hostlist.Expand(compressed));
        var fromCommaList = Measure("expand (plain comma list)", () => Hostlist.Expand(string.Join(',', names)));

        Assert.Equal(names, expanded);
        Assert.Equal(names, fromCommaList);
    }

    [Fact]
    public void A_100000_name_list_without_any_run_round_trips_and_its_timing_is_reported()
    {
        var names = Enumerable.Range(0, NameCount).Select(i => $"r{i % 50}n{i / 50}").ToList();

        string compressed = Measure("compress (no runs)", () => Hostlist.Compress(names));
        var expanded = Measure("expand (no runs)", () => Hostlist.Expand(compressed));

        Assert.Equal(names, expanded);
    }

    private T Measure<T>(string what, Func<T> action)
    {
        action(); // first call pays for JIT
        var watch = Stopwatch.StartNew();
        var result = action();
        output.WriteLine($"{what}: {watch.Elapsed.TotalMilliseconds:F2} ms for {NameCount} names");
        return result;
    }
}
