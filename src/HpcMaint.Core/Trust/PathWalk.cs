namespace HpcMaint.Core.Trust;

/// <summary>
/// Every entry the kernel passes through to reach <see cref="Path"/>, in order: "/", each directory,
/// each symbolic link and then what it points to, and last the target (or the first entry that is
/// missing). <see cref="Problem"/> when the path cannot be resolved at all.
/// </summary>
public sealed record PathWalk(string Path, IReadOnlyList<PathStep> Steps, string? Problem)
{
    public PathEntry Final => Steps[^1].Entry;
}
