using FsCheck;
using FsCheck.Fluent;

namespace HpcMaint.Core.Tests.Hostlists;

/// <summary>FsCheck generators for host names the way clusters name them, with runs, gaps, duplicates and mixed padding.</summary>
internal static class HostlistGenerators
{
    private static readonly string[] Prefixes = ["n", "gpu", "r1n", "node-", "cn.a", "", "X_y", "rack07-c"];
    private static readonly string[] PlainNames = ["login", "head", "db-a", "ctl.b"];

    /// <summary>Lists of valid host names: runs of consecutive numbers, stray names and duplicates, in any order.</summary>
    public static Arbitrary<List<string>> NameLists() =>
        Gen.Sized(size => Gen.ListOf(Piece(), Math.Min(size, 12)))
            .SelectMany(pieces => Gen.Elements(false, true).Select(shuffle => (pieces, shuffle)))
            .SelectMany(t => t.shuffle
                ? Gen.Shuffle(t.pieces.SelectMany(p => p).ToArray()).Select(a => a.ToList())
                : Gen.Constant(t.pieces.SelectMany(p => p).ToList()))
            .ToArbitrary();

    /// <summary>A bracket group's elements: (lo, hi, padded width), kept small.</summary>
    public static Gen<List<(int Lo, int Hi, int Width)>> GroupElements() =>
        Gen.NonEmptyListOf(
                from lo in Gen.Choose(0, 120)
                from length in Gen.Choose(0, 4)
                from width in Gen.Choose(1, 4)
                select (lo, lo + length, width))
            .Select(list => list.Take(3).ToList());

    private static Gen<List<string>> Piece() =>
        Gen.Frequency(
            (6, Run()),
            (1, Gen.Elements(PlainNames).Select(name => new List<string> { name })),
            (1, from name in Run() select name.Concat(name.Take(1)).ToList()));

    // A run of consecutive numbers under one prefix, e.g. gpu008..gpu011, sometimes crossing a power of ten.
    private static Gen<List<string>> Run() =>
        from prefix in Gen.Elements(Prefixes)
        from start in Gen.OneOf(Gen.Choose(0, 30), Gen.Elements(8, 9, 98, 99, 998), Gen.Choose(1_000_000, 1_000_050))
        from length in Gen.Choose(1, 5)
        from width in Gen.Choose(1, 5)
        select Enumerable.Range(start, length).Select(n => prefix + n.ToString($"D{width}")).ToList();
}
