namespace HpcMaint.Core.Trust;

/// <summary>
/// What makes a path hpcmaint may act on trustworthy, as sshd's StrictModes and sudo judge theirs: every
/// entry on the way to it (and what its links point to) is owned by root or the running user, and no
/// directory on the way is writable by group or others, except a sticky one (/tmp) whose entry is owned by
/// one of them. Each problem names the path, its owner and mode, and the command that fixes it.
/// </summary>
public static class TrustRules
{
    /// <summary>Every problem on the way to the walk's target; empty when hpcmaint may use it for <paramref name="use"/>.</summary>
    public static IReadOnlyList<string> Judge(PathWalk walk, PathUse use, uint user, IFileFacts facts)
    {
        var problems = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? problem)
        {
            if (problem is not null && reported.Add(problem))
            {
                problems.Add(problem);
            }
        }

        for (var i = 0; i < walk.Steps.Count; i++)
        {
            var (entry, container) = walk.Steps[i];
            if (container is not null)
            {
                Add(Container(container, entry, user, facts));
            }

            if (i < walk.Steps.Count - 1)
            {
                Add(Owner(entry, entry.Kind == EntryKind.Symlink ? "the symbolic link" : "the directory", user, facts));
            }
            else
            {
                foreach (var problem in Target(entry, use, user, facts))
                {
                    Add(problem);
                }
            }
        }

        if (walk.Problem is { } unresolved)
        {
            Add($"{walk.Path} cannot be resolved: {unresolved}");
        }

        return problems;
    }

    public static bool IsTrustedOwner(uint owner, uint user) => owner == PathEntry.Root || owner == user;

    private static string? Container(PathEntry directory, PathEntry entry, uint user, IFileFacts facts)
    {
        if (!directory.WritableByOthers)
        {
            return null;
        }

        if (!directory.IsSticky)
        {
            return $"the directory {directory.Path} ({Facts(directory, facts)}) is writable by group or others, who could replace {entry.Path}; fix: chmod go-w {directory.Path}";
        }

        return !entry.Exists
            ? $"anyone can create {entry.Path} in the sticky directory {directory.Path} ({Facts(directory, facts)}) before hpcmaint does; fix: create it as root, or use a directory only root can write"
            : IsTrustedOwner(entry.Owner, user) ? null
            : $"{entry.Path} ({Facts(entry, facts)}) lies in the directory {directory.Path} ({Facts(directory, facts)}), writable by others, and its owner can replace it; fix: chown -h root: {entry.Path}";
    }

    private static string? Owner(PathEntry entry, string what, uint user, IFileFacts facts) =>
        !entry.Exists || IsTrustedOwner(entry.Owner, user)
            ? null
            : $"{what} {entry.Path} ({Facts(entry, facts)}) {NotOwned(user, facts)}, so its owner decides what it leads to; fix: chown -h root: {entry.Path}";

    // A list, not an iterator: the core stays free of the runtime types a state machine brings in.
    private static List<string> Target(PathEntry entry, PathUse use, uint user, IFileFacts facts)
    {
        var problems = new List<string>();
        if (!entry.Exists)
        {
            return problems;
        }

        var what = Noun(use);
        if (use == PathUse.StateFile && entry.Kind == EntryKind.Symlink)
        {
            problems.Add($"{what} {entry.Path} is a symbolic link (to {entry.LinkTarget}); hpcmaint writes its state only to a real file, as a link could send a root write anywhere; fix: rm {entry.Path}");
            return problems;
        }

        var wanted = use is PathUse.StateDirectory or PathUse.PrivateDirectory ? EntryKind.Directory : EntryKind.File;
        if (entry.Kind != wanted)
        {
            problems.Add($"{what} {entry.Path} is not a {(wanted == EntryKind.Directory ? "directory" : "regular file")}; fix: put one there, or name another path");
            return problems;
        }

        var ownerMatters = use is not (PathUse.StateFile or PathUse.StateDirectory);
        var foreign = ownerMatters && !IsTrustedOwner(entry.Owner, user);
        if (foreign || entry.WritableByOthers)
        {
            var why = (foreign, entry.WritableByOthers) switch
            {
                (true, true) => $"{NotOwned(user, facts)} and is writable by group or others",
                (true, false) => NotOwned(user, facts),
                _ => "is writable by group or others",
            };
            var fixes = new List<string>();
            if (foreign)
            {
                fixes.Add($"chown {(use == PathUse.PrivateDirectory ? UserName(user, facts) : "root")}: {entry.Path}");
            }

            if (entry.WritableByOthers)
            {
                fixes.Add($"chmod go-w {entry.Path}");
            }

            problems.Add($"{what} {entry.Path} ({Facts(entry, facts)}) {why}, so {Consequence(use)}; fix: {string.Join("; ", fixes)}");
        }

        if (use == PathUse.Program && !entry.Executable)
        {
            problems.Add($"{what} {entry.Path} ({Facts(entry, facts)}) is not executable; fix: chmod u+x {entry.Path}");
        }

        if (use == PathUse.Secret && entry.ReadableByOthers && facts.ReadText(entry.Path, 1 << 16) is { } text && SecretText.HoldsCredential(text))
        {
            problems.Add($"{what} {entry.Path} ({Facts(entry, facts)}) holds a password or application credential and is readable by group or others; fix: chmod go-rwx {entry.Path}");
        }

        if (use == PathUse.PrivateKey && entry.ReadableByOthers)
        {
            problems.Add($"{what} {entry.Path} ({Facts(entry, facts)}) is readable by group or others, who could sign as hpcmaint; fix: chmod go-rwx {entry.Path}");
        }

        if (use == PathUse.StateFile && entry.Links > 1)
        {
            problems.Add($"{what} {entry.Path} has {entry.Links} hard links, so a write to it changes another file too; fix: rm {entry.Path} (hpcmaint makes a new one)");
        }

        return problems;
    }

    private static string Noun(PathUse use) => use switch
    {
        PathUse.ConfigFile => "the config file",
        PathUse.Program => "the program",
        PathUse.Secret => "the credentials file",
        PathUse.PrivateKey => "the private key",
        PathUse.InputFile => "the file",
        PathUse.StateFile => "the state file",
        _ => "the directory",
    };

    private static string Consequence(PathUse use) => use switch
    {
        PathUse.ConfigFile or PathUse.Program => "whoever can change it decides what hpcmaint runs",
        PathUse.Secret or PathUse.PrivateKey => "whoever can change it decides which cloud hpcmaint acts on",
        PathUse.InputFile => "whoever can change it steers what hpcmaint does",
        _ => "whoever can change its files steers what hpcmaint does",
    };

    private static string Facts(PathEntry entry, IFileFacts facts) => $"owner {entry.FormatOwner(facts)}, mode {entry.ModeText}";

    private static string NotOwned(uint user, IFileFacts facts) =>
        user == PathEntry.Root ? "is not owned by root" : $"is owned by neither root nor {UserName(user, facts)}";

    private static string UserName(uint user, IFileFacts facts) =>
        facts.OwnerName(user) ?? user.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
