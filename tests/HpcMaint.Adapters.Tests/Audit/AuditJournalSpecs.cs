using System.Text;
using HpcMaint.Adapters.Audit;
using HpcMaint.Core.Audit;

namespace HpcMaint.Adapters.Tests.Audit;

public sealed class AuditJournalSpecs : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-audit-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string JournalPath => Path.Combine(dir, "log", "audit.jsonl");

    private static AuditRecord Record(int minute, string node, string action, bool dryRun = false) =>
        new(T0.AddMinutes(minute), "hpcmaint-health", node, action, "hpcmaint: gpu.ecc: 3 vs 0", dryRun, AuditOutcome.Succeeded,
            new Dictionary<string, string> { ["check"] = "gpu.ecc", ["quote\"d"] = "line\nbreak" });

    [Fact]
    public void A_record_reads_back_exactly_as_written()
    {
        var journal = new AuditJournal(JournalPath);
        var written = Record(0, "n1", "drain", dryRun: true);

        journal.Append(written);
        var read = Assert.Single(journal.Read(new AuditFilter(), out var skipped));

        Assert.Equal(0, skipped);
        Assert.Equal(written with { Details = AuditRecord.NoDetails }, read with { Details = AuditRecord.NoDetails });
        Assert.Equal(written.Details, read.Details);
    }

    [Fact]
    public void Each_record_is_exactly_one_line()
    {
        var journal = new AuditJournal(JournalPath);

        journal.Append(Record(0, "n1", "drain"));
        journal.Append(Record(1, "n2", "resume"));

        var lines = File.ReadAllText(JournalPath).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
    }

    [Fact]
    public void A_torn_last_line_from_a_crash_neither_breaks_readers_nor_swallows_the_next_record()
    {
        var journal = new AuditJournal(JournalPath);
        journal.Append(Record(0, "n1", "drain"));
        File.AppendAllText(JournalPath, "{\"timestamp\":\"2026-11-21T09:0", Encoding.UTF8);

        journal.Append(Record(2, "n3", "reboot"));
        var records = journal.Read(new AuditFilter(), out var skipped);

        Assert.Equal(1, skipped);
        Assert.Equal(new[] { "n1", "n3" }, records.Select(r => r.Node));
    }

    [Fact]
    public void Records_are_filtered_by_node_action_and_time()
    {
        var journal = new AuditJournal(JournalPath);
        journal.Append(Record(0, "n1", "drain"));
        journal.Append(Record(10, "n2", "drain"));
        journal.Append(Record(20, "n2", "resume"));
        journal.Append(Record(30, "n3", "drain"));

        var byNode = journal.Read(new AuditFilter(Nodes: new HashSet<string> { "n2" }), out _);
        var byAction = journal.Read(new AuditFilter(Action: "DRAIN"), out _);
        var byTime = journal.Read(new AuditFilter(Since: T0.AddMinutes(10), Until: T0.AddMinutes(20)), out _);

        Assert.Equal(new[] { "drain", "resume" }, byNode.Select(r => r.Action));
        Assert.Equal(new[] { "n1", "n2", "n3" }, byAction.Select(r => r.Node));
        Assert.Equal(new[] { 10, 20 }, byTime.Select(r => (int)(r.Timestamp - T0).TotalMinutes));
    }

    [Fact]
    public async Task Concurrent_writers_never_interleave_inside_a_line()
    {
        var journal = new AuditJournal(JournalPath);
        journal.Append(Record(0, "n0", "start"));

        await Task.WhenAll(Enumerable.Range(1, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                journal.Append(Record(i, "n" + w, "check"));
            }
        })));

        var records = journal.Read(new AuditFilter(), out var skipped);
        Assert.Equal(0, skipped);
        Assert.Equal(1 + (8 * 50), records.Count);
    }

    [Fact]
    public void A_missing_journal_reads_as_empty()
    {
        var records = new AuditJournal(Path.Combine(dir, "none.jsonl")).Read(new AuditFilter(), out var skipped);

        Assert.Empty(records);
        Assert.Equal(0, skipped);
    }
}
