namespace HpcMaint.Core.Trust;

/// <summary>
/// Resolves a path one component at a time as the kernel does, following symbolic links (relative to
/// the directory holding them, or from "/"), so the rules see every directory whose owner could swap
/// what the path ends up naming, not only the ones written in it.
/// </summary>
public static class PathWalker
{
    /// <summary>Linux's limit on symbolic links in one resolution (ELOOP).</summary>
    public const int MaxLinks = 40;

    /// <param name="followFinalLink">False: a symbolic link as the last component is the target itself (a state file must not be one).</param>
    public static PathWalk Walk(string path, IFileFacts facts, bool followFinalLink = true)
    {
        var root = facts.Look("/");
        var steps = new List<PathStep> { new(root, null) };
        var seen = new Dictionary<string, PathEntry>(StringComparer.Ordinal) { ["/"] = root };
        var pending = new Stack<string>();
        Push(pending, path);
        var current = "/";
        var container = root;
        var links = 0;
        while (pending.TryPop(out var name))
        {
            if (name == "..")
            {
                current = Parent(current);
                container = seen.TryGetValue(current, out var parent) ? parent : facts.Look(current);
                continue;
            }

            var next = current == "/" ? "/" + name : current + "/" + name;
            var entry = facts.Look(next);
            steps.Add(new PathStep(entry, container));
            var last = pending.Count == 0;
            switch (entry.Kind)
            {
                case EntryKind.Missing:
                    return new PathWalk(path, steps, null);
                case EntryKind.Symlink when !last || followFinalLink:
                    if (++links > MaxLinks)
                    {
                        return new PathWalk(path, steps, "too many levels of symbolic links");
                    }

                    var target = entry.LinkTarget ?? string.Empty;
                    Push(pending, target);
                    if (target.StartsWith('/'))
                    {
                        (current, container) = ("/", root);
                    }

                    continue;
                case EntryKind.Directory:
                    (current, container) = (next, entry);
                    seen[next] = entry;
                    continue;
                default:
                    return new PathWalk(path, steps, last ? null : $"{next} is not a directory");
            }
        }

        return new PathWalk(path, steps, null);
    }

    private static void Push(Stack<string> pending, string path)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = names.Length - 1; i >= 0; i--)
        {
            if (names[i] != ".")
            {
                pending.Push(names[i]);
            }
        }
    }

    private static string Parent(string directory)
    {
        var slash = directory.LastIndexOf('/');
        return slash <= 0 ? "/" : directory[..slash];
    }
}
