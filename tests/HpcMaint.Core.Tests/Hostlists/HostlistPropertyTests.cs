using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Tests.Hostlists;

public class HostlistPropertyTests
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Expanding_a_compressed_list_gives_back_the_same_names_in_the_same_order()
    {
        var property = Prop.ForAll(HostlistGenerators.NameLists(), names =>
            Hostlist.Expand(Hostlist.Compress(names)).SequenceEqual(names));

        Check.One(Runs, property);
    }

    [Fact]
    public void Compressing_again_after_expanding_changes_nothing()
    {
        var property = Prop.ForAll(HostlistGenerators.NameLists(), names =>
        {
            string once = Hostlist.Compress(names);
            return Hostlist.Compress(Hostlist.Expand(once)) == once;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Compressing_a_list_in_order_without_gaps_gives_one_range()
    {
        var runs = Gen.Choose(1, 500).SelectMany(start => Gen.Choose(2, 300).Select(length => (start, length)));

        var property = Prop.ForAll(runs.ToArbitrary(), run =>
            Hostlist.Compress(Enumerable.Range(run.start, run.length).Select(n => $"cn{n}"))
                == $"cn[{run.start}-{run.start + run.length - 1}]");

        Check.One(Runs, property);
    }

    [Fact]
    public void Expanding_one_bracket_group_lists_each_element_in_turn()
    {
        var property = Prop.ForAll(HostlistGenerators.GroupElements().ToArbitrary(), elements =>
        {
            string expression = $"gpu[{Describe(elements)}]";
            var expected = Names(elements).Select(n => "gpu" + n);

            return Hostlist.Expand(expression).SequenceEqual(expected);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Expanding_two_bracket_groups_gives_every_combination_with_the_second_fastest()
    {
        var groups = HostlistGenerators.GroupElements().SelectMany(first =>
            HostlistGenerators.GroupElements().Select(second => (first, second)));

        var property = Prop.ForAll(groups.ToArbitrary(), g =>
        {
            string expression = $"r[{Describe(g.first)}]n[{Describe(g.second)}]";
            var expected =
                from rack in Names(g.first)
                from node in Names(g.second)
                select $"r{rack}n{node}";

            return Hostlist.Expand(expression).SequenceEqual(expected);
        });

        Check.One(Runs, property);
    }

    private static string Describe(List<(int Lo, int Hi, int Width)> elements) =>
        string.Join(',', elements.Select(e => e.Lo == e.Hi
            ? e.Lo.ToString($"D{e.Width}")
            : $"{e.Lo.ToString($"D{e.Width}")}-{e.Hi.ToString($"D{e.Width}")}"));

    private static IEnumerable<string> Names(List<(int Lo, int Hi, int Width)> elements) =>
        elements.SelectMany(e => Enumerable.Range(e.Lo, e.Hi - e.Lo + 1).Select(n => n.ToString($"D{e.Width}")));
}
