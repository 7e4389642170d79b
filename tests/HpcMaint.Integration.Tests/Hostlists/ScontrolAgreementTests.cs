using System.Collections.Concurrent;
using System.Diagnostics;
using HpcMaint.Core.Hostlists;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.Hostlists;

/// <summary>
/// Hostlist.Expand and Hostlist.Compress against Slurm's own scontrol on generated cases. An
/// expression counts as malformed exactly when scontrol writes an error. hpcmaint reads hostlists as
/// 22.05 does; on a later release the expressions are the well-formed ones, where the grammars agree.
/// </summary>
public sealed class ScontrolAgreementTests(ScontrolHostlists scontrol, ITestOutputHelper output)
    : IClassFixture<ScontrolHostlists>
{
    private const int CaseCount = 1200;

    [ScontrolFact]
    public async Task Expanding_generated_expressions_prints_what_scontrol_show_hostnames_prints()
    {
        var cases = new HostlistCases(seed: 20261121, wellFormed: !Testbed.SlurmRelease.IsHost);
        var expressions = Enumerable.Range(0, CaseCount).Select(_ => cases.NextExpression()).ToList();

        int rejected = 0, nameCount = 0;
        var mismatches = await CompareAllAsync(expressions, async (expression, ct) =>
        {
            var slurm = await scontrol.ShowHostnamesAsync(expression, ct);
            bool expanded = Hostlist.TryExpand(expression, out var names, out var error);
            Interlocked.Add(ref nameCount, names.Count);
            if (slurm.StandardError.Length > 0)
            {
                Interlocked.Increment(ref rejected);
                return expanded ? $"scontrol rejects it ({slurm.StandardError.Trim()}) but Expand gives {names.Count} names" : null;
            }

            string expected = slurm.StandardOutput;
            string actual = expanded ? string.Concat(names.Select(n => n + "\n")) : "";
            return expanded && actual == expected ? null
                : $"scontrol prints [{Shorten(expected)}] but Expand gives {(expanded ? $"[{Shorten(actual)}]" : error!.Message)}";
        });

        output.WriteLine($"{rejected} expressions rejected by scontrol, {nameCount} names from the others");
        Assert.Empty(mismatches);
    }

    [ScontrolFact]
    public async Task Compressing_generated_name_lists_prints_what_scontrol_show_hostlist_prints()
    {
        var cases = new HostlistCases(seed: 424242);
        var lists = Enumerable.Range(0, CaseCount).Select(_ => cases.NextNameList()).ToList();

        var mismatches = await CompareAllAsync(lists, async (names, ct) =>
        {
            var slurm = await scontrol.ShowHostlistAsync(string.Join(',', names), ct);
            string actual = Hostlist.Compress(names);
            string expected = slurm.StandardOutput.TrimEnd('\n');
            return slurm.ExitCode == 0 && slurm.StandardError.Length == 0 && actual == expected ? null
                : $"scontrol prints [{expected}] (exit {slurm.ExitCode}, stderr [{slurm.StandardError.Trim()}]) but Compress gives [{actual}]";
        });

        Assert.Empty(mismatches);
    }

    private async Task<List<string>> CompareAllAsync<T>(IReadOnlyList<T> cases, Func<T, CancellationToken, Task<string?>> compare)
    {
        var watch = Stopwatch.StartNew();
        var mismatches = new ConcurrentBag<(int Index, string Text)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), options, async (i, ct) =>
        {
            string? difference = await compare(cases[i], ct);
            if (difference is not null)
            {
                mismatches.Add((i, $"case {i} {Describe(cases[i])}: {difference}"));
            }
        });

        output.WriteLine($"{cases.Count} cases compared with scontrol in {watch.Elapsed.TotalSeconds:F1} s");
        return mismatches.OrderBy(m => m.Index).Take(20).Select(m => m.Text).ToList();
    }

    private static string Describe<T>(T item) =>
        item is IEnumerable<string> names ? $"[{string.Join(',', names)}]" : $"'{item}'";

    private static string Shorten(string text) =>
        (text.Length > 300 ? text[..300] + "…" : text).Replace("\n", "|", StringComparison.Ordinal);
}
