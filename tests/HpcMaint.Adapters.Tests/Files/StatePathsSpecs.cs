using System.Text;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Tests.Files;

/// <summary>State paths on the real file system: made closed to others, never written or read through a link planted in their place.</summary>
public sealed class StatePathsSpecs : IDisposable
{
    private const UnixFileMode Open = (UnixFileMode)0x1FF; // 0777

    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-state-").FullName;
    private readonly string victim;

    public StatePathsSpecs()
    {
        victim = Path.Combine(dir, "victim");
        File.WriteAllText(victim, "untouched\n");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static AuditRecord Record() =>
        new(DateTimeOffset.FromUnixTimeSeconds(1_763_700_000), "spec", "n1", "note", "why", false, AuditOutcome.Planned, AuditRecord.NoDetails);

    [Fact]
    public void What_hpcmaint_creates_has_no_access_for_others()
    {
        var journal = new AuditJournal(Path.Combine(dir, "log", "audit.jsonl"));
        journal.Append(Record());
        AtomicFile.Replace(Path.Combine(dir, "lib", "state.json"), "{}"u8);

        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(Path.Combine(dir, "log")));
        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(Path.Combine(dir, "lib")));
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(journal.Path));
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(Path.Combine(dir, "lib", "state.json")));
    }

    [Fact]
    public void A_link_in_place_of_the_journal_is_refused_and_what_it_points_to_is_untouched()
    {
        var path = Path.Combine(dir, "audit.jsonl");
        File.CreateSymbolicLink(path, victim);
        var journal = new AuditJournal(path);

        var refused = Assert.Throws<UntrustedPathException>(() => journal.Append(Record()));

        Assert.Equal($"{path} is a symbolic link; hpcmaint reads and writes its state only as a real file, as a link could send a root write anywhere; fix: rm {path}", refused.Message);
        Assert.Equal("untouched\n", File.ReadAllText(victim));
    }

    [Fact]
    public void A_journal_with_a_second_name_is_refused()
    {
        var path = Path.Combine(dir, "audit.jsonl");
        File.WriteAllText(path, string.Empty);
        File.CreateSymbolicLink(Path.Combine(dir, "unused"), path); // a link is no second name: still fine
        new AuditJournal(path).Append(Record());
        Link(path, Path.Combine(dir, "second"));

        var refused = Assert.Throws<UntrustedPathException>(() => new AuditJournal(path).Append(Record()));

        Assert.Contains("is not a regular file with one name (links: 2)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_in_place_of_a_state_file_is_neither_read_nor_written_through()
    {
        var path = Path.Combine(dir, "state.json");
        File.CreateSymbolicLink(path, victim);
        var store = new LocalHealthStateStore(path);

        Assert.Equal(LocalHealthState.Fresh, store.Load());
        Assert.Throws<UntrustedPathException>(() => NoFollowFile.ReadAllBytes(path));
        Assert.True(store.Save(LocalHealthState.Fresh));
        Assert.Equal("untouched\n", File.ReadAllText(victim));
        Assert.False(new FileInfo(path).Attributes.HasFlag(FileAttributes.ReparsePoint), "the link was replaced by a file");
    }

    [Fact]
    public void A_link_planted_where_the_temporary_file_goes_is_not_written_through()
    {
        var path = Path.Combine(dir, "plan.json");
        File.CreateSymbolicLink($"{path}.{Environment.ProcessId}.new", victim);

        AtomicFile.Replace(path, Encoding.UTF8.GetBytes("{\"plan\": 1}"));

        Assert.Equal("untouched\n", File.ReadAllText(victim));
        Assert.Equal("{\"plan\": 1}", File.ReadAllText(path));
    }

    [Fact]
    public void A_directory_others_can_write_is_refused_for_state_with_the_fix()
    {
        var open = Directory.CreateDirectory(Path.Combine(dir, "open")).FullName;
        File.SetUnixFileMode(open, Open);

        var refused = Assert.Throws<UntrustedPathException>(() => AtomicFile.Replace(Path.Combine(open, "state.json"), "{}"u8));
        var plans = new RebuildPlanStore(Path.Combine(open, "plans"));

        Assert.Contains($"fix: chmod go-w {open}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w {open}", plans.TrustProblem(), StringComparison.Ordinal);
        Assert.Throws<UntrustedPathException>(() => new AuditJournal(Path.Combine(open, "log", "audit.jsonl")).Append(Record()));
        Assert.False(Directory.Exists(Path.Combine(open, "log")));
    }

    [Fact]
    public void The_real_file_system_is_read_as_the_rules_expect()
    {
        var facts = new FileFacts();
        var link = Path.Combine(dir, "link");
        File.CreateSymbolicLink(link, victim);

        Assert.Equal(EntryKind.Directory, facts.Look("/").Kind);
        Assert.Equal((EntryKind.Symlink, victim), (facts.Look(link).Kind, facts.Look(link).LinkTarget));
        Assert.Equal(new PathEntry(victim, EntryKind.File, 0, 0x1A4, 1), facts.Look(victim));
        Assert.False(facts.Look(Path.Combine(dir, "missing")).Exists);
        Assert.True(facts.Look("/tmp").IsSticky);
        Assert.Equal("root", facts.OwnerName(0));
        Assert.Null(StatePaths.Problem("/usr/bin/env", PathUse.Program));
        Assert.Null(StatePaths.Problem(dir, PathUse.PrivateDirectory));
    }

    private static void Link(string existing, string name)
    {
        var linked = new HpcMaint.Adapters.Processes.ProcessRunner(TimeProvider.System)
            .RunAsync(HpcMaint.Adapters.Processes.Command.For("/usr/bin/ln").WithArguments([existing, name])).GetAwaiter().GetResult();
        Assert.True(linked.IsSuccess, linked.StandardError);
    }
}
