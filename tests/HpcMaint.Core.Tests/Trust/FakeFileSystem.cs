using System.Globalization;
using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Tests.Trust;

/// <summary>An in-memory tree for the trust rules: "/" root-owned 0755 to begin with; users are named userN (root is root).</summary>
internal sealed class FakeFileSystem : IFileFacts
{
    public const uint Admin = 1000;
    public const uint Other = 2000;

    private readonly Dictionary<string, PathEntry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

    public FakeFileSystem() => Directory("/");

    /// <summary>How many times an entry was looked at.</summary>
    public int Looks { get; private set; }

    public FakeFileSystem Directory(string path, uint owner = 0, uint mode = 0x1ED) => Put(new PathEntry(path, EntryKind.Directory, owner, mode));

    public FakeFileSystem File(string path, uint owner = 0, uint mode = 0x1ED, string? text = null, uint links = 1)
    {
        if (text is not null)
        {
            texts[path] = text;
        }

        return Put(new PathEntry(path, EntryKind.File, owner, mode, links));
    }

    public FakeFileSystem Link(string path, string target, uint owner = 0) => Put(new PathEntry(path, EntryKind.Symlink, owner, 0x1FF, 1, target));

    public PathEntry Look(string path)
    {
        Looks++;
        return entries.TryGetValue(path, out var entry) ? entry : PathEntry.Missing(path);
    }

    public string? OwnerName(uint uid) => uid == 0 ? "root" : "user" + uid.ToString(CultureInfo.InvariantCulture);

    public string? ReadText(string path, int maxBytes) => texts.GetValueOrDefault(path);

    public IReadOnlyList<string> Judge(string path, PathUse use, uint user = 0) =>
        TrustRules.Judge(PathWalker.Walk(path, this, followFinalLink: use != PathUse.StateFile), use, user, this);

    private FakeFileSystem Put(PathEntry entry)
    {
        entries[entry.Path] = entry;
        return this;
    }
}
