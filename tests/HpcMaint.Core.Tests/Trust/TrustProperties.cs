using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Tests.Trust;

/// <summary>
/// Over generated paths (random depth, owners, modes, sticky bits, a link into another tree): a program
/// passes exactly when everything on the way is root's or the running user's and nothing on the way is
/// writable by group or others (a sticky directory aside), and every problem names its path and fix.
/// </summary>
public sealed class TrustProperties
{
    private const uint User = FakeFileSystem.Admin;
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000);

    private sealed record Level(uint Owner, uint Mode);

    private sealed record Layout(Level[] Directories, Level Program, int? LinkAt, Level LinkedDirectory)
    {
        /// <summary>The directories the program is really reached through, "/" left out.</summary>
        public IEnumerable<(string Path, Level Level)> Reached()
        {
            for (var i = 0; i < Directories.Length; i++)
            {
                if (LinkAt == i)
                {
                    yield return ("/elsewhere", LinkedDirectory);
                    yield break;
                }

                yield return (Dir(i), Directories[i]);
            }
        }

        /// <summary>The path as the config writes it: through the link (which stands for the rest of the way) when there is one.</summary>
        public string ProgramPath => Dir(LinkAt ?? Directories.Length - 1) + "/tool";

        public string RealProgramPath => (LinkAt is null ? Dir(Directories.Length - 1) : "/elsewhere") + "/tool";

        public static string Dir(int i) => "/" + string.Join('/', Enumerable.Range(0, i + 1).Select(j => "d" + j));

        public FakeFileSystem Build()
        {
            var fs = new FakeFileSystem();
            for (var i = 0; i < Directories.Length; i++)
            {
                if (LinkAt == i)
                {
                    fs.Link(Dir(i), "/elsewhere").Directory("/elsewhere", LinkedDirectory.Owner, LinkedDirectory.Mode);
                    break;
                }

                fs.Directory(Dir(i), Directories[i].Owner, Directories[i].Mode);
            }

            return fs.File(RealProgramPath, Program.Owner, Program.Mode);
        }
    }

    private static bool Trusted(uint owner) => owner is 0 or User;

    private static bool Writable(uint mode) => (mode & 0x12) != 0;

    private static bool Sticky(uint mode) => (mode & 0x200) != 0;

    private static Gen<Level> Levels(Gen<uint> modes) =>
        from owner in Gen.Elements(0u, 0u, User, FakeFileSystem.Other)
        from mode in modes
        select new Level(owner, mode);

    // Mostly the modes an admin would set, sometimes any of the 4096.
    private static readonly Gen<uint> Modes = Gen.OneOf(
        Gen.Elements(0x1EDu, 0x1E8u, 0x1C0u, 0x1FDu, 0x1FFu, 0x3FFu, 0x3EDu, 0x1F5u),
        Gen.Choose(0, 0xFFF).Select(m => (uint)m));

    private static readonly Gen<Layout> Layouts =
        from depth in Gen.Choose(1, 5)
        from directories in Gen.ArrayOf(Levels(Modes), depth)
        from program in Levels(Modes)
        from link in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, depth - 1).Select(i => (int?)i))
        from linked in Levels(Modes)
        select new Layout(directories, program, link, linked);

    [Fact]
    public void A_program_passes_exactly_when_everything_on_its_real_way_is_trusted_and_closed_to_others()
    {
        var property = Prop.ForAll(Layouts.ToArbitrary(), layout =>
        {
            var reached = layout.Reached().ToArray();
            var good = reached.All(d => Trusted(d.Level.Owner) && (!Writable(d.Level.Mode) || Sticky(d.Level.Mode)))
                && Trusted(layout.Program.Owner) && !Writable(layout.Program.Mode) && (layout.Program.Mode & 0x49) != 0;
            return (layout.Build().Judge(layout.ProgramPath, PathUse.Program, User).Count == 0) == good;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Every_directory_others_can_write_on_the_way_is_named_with_chmod_go_w_unless_sticky()
    {
        var property = Prop.ForAll(Layouts.ToArbitrary(), layout =>
        {
            var problems = layout.Build().Judge(layout.ProgramPath, PathUse.Program, User);
            return layout.Reached()
                .Where(d => Writable(d.Level.Mode) && !Sticky(d.Level.Mode))
                .All(d => problems.Any(p => p.Contains($"the directory {d.Path} (", StringComparison.Ordinal) && p.Contains($"chmod go-w {d.Path}", StringComparison.Ordinal)));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Every_entry_another_user_owns_is_named_with_chown()
    {
        var property = Prop.ForAll(Layouts.ToArbitrary(), layout =>
        {
            var problems = layout.Build().Judge(layout.ProgramPath, PathUse.Program, User);
            var foreign = layout.Reached().Where(d => !Trusted(d.Level.Owner)).Select(d => d.Path)
                .Concat(Trusted(layout.Program.Owner) ? [] : [layout.RealProgramPath]);
            return foreign.All(path => problems.Any(p => p.Contains($"chown -h root: {path}", StringComparison.Ordinal) || p.Contains($"chown root: {path}", StringComparison.Ordinal)));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Every_problem_gives_a_fix_and_the_facts_of_what_it_names()
    {
        var property = Prop.ForAll(Layouts.ToArbitrary(), layout =>
            layout.Build().Judge(layout.ProgramPath, PathUse.Program, User)
                .All(p => p.Contains("; fix: ", StringComparison.Ordinal) && (p.Contains(", mode ", StringComparison.Ordinal) || p.StartsWith("anyone can create", StringComparison.Ordinal))));

        Check.One(Runs, property);
    }
}
