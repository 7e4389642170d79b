using HpcMaint.Core;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// Plans as files under the state directory: &lt;id&gt;.json, replaced atomically (write a temporary file,
/// fsync, rename), so a kill at any moment leaves the old plan or the new one, never half of one. A plan
/// says what runs as root (its gate), so the directory must be one only root or the running user can
/// write, and no plan or lock is opened through a symbolic link.
/// </summary>
public sealed class RebuildPlanStore(string directory)
{
    public string Directory { get; } = directory;

    public string PathOf(string id) => Path.Combine(Directory, id + ".json");

    public void Save(RebuildPlan plan)
    {
        Files.AtomicFile.Replace(PathOf(plan.Id), RebuildPlanJson.ToBytes(plan), durable: true);
    }

    public RebuildPlan? Load(string id, out string? problem)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            problem = $"no plan {id} in {Directory}";
            return null;
        }

        var plan = RebuildPlanJson.TryRead(Files.NoFollowFile.ReadAllBytes(path), out var error);
        problem = plan is null ? $"{path}: not a rebuild plan: {error}" : null;
        return plan;
    }

    /// <summary>
    /// The plan named <paramref name="id"/>, else the latest; with <paramref name="openOnly"/>, only a running
    /// or halted one; the latest is of <paramref name="kind"/> (a rebuild or a reboot). The problem says what was looked for where.
    /// </summary>
    public Result<RebuildPlan> Find(string? id, bool openOnly, PlanKind kind = PlanKind.Rebuild)
    {
        if (id is not null)
        {
            var plan = Load(id, out var problem);
            return plan is null ? Problem.Failed(problem!)
                : openOnly && !plan.IsResumable ? Problem.Failed($"plan {id} is {plan.Status.ToString().ToLowerInvariant()}; nothing to do")
                : plan;
        }

        var latest = All().LastOrDefault(p => p.Kind == kind && (!openOnly || p.IsResumable));
        return latest is null ? Problem.Failed($"no {(openOnly ? "running or halted " : string.Empty)}{kind.ToString().ToLowerInvariant()} plan in {Directory}") : latest;
    }

    /// <summary>Every readable plan, oldest first.</summary>
    public IReadOnlyList<RebuildPlan> All()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => RebuildPlanJson.TryRead(Files.NoFollowFile.ReadAllBytes(f), out _))
            .OfType<RebuildPlan>()
            .OrderBy(p => p.Created)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A free id for a plan made now: rb-20261121T093000Z (then -2, -3 … within the same second).</summary>
    public string NewId(DateTimeOffset now)
    {
        var stem = "rb-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var id = stem;
        for (var i = 2; File.Exists(PathOf(id)) || File.Exists(LockPath(id)); i++)
        {
            id = $"{stem}-{i}";
        }

        return id;
    }

    /// <summary>
    /// Holds the plan for this process (an advisory lock on &lt;id&gt;.lock, released by the kernel when the
    /// process dies, SIGKILL included). Null when another process holds it.
    /// </summary>
    /// <exception cref="Files.UntrustedPathException">The directory is not to be trusted.</exception>
    public IDisposable? TryLock(string id)
    {
        Files.StatePaths.PrepareDirectory(Directory, Core.Trust.PathUse.PrivateDirectory);
        try
        {
            Files.FileLock.Create(LockPath(id), Files.StatePaths.FileMode);
            return Files.FileLock.TryTake(LockPath(id));
        }
        catch (IOException e) when (e is not Files.UntrustedPathException)
        {
            return null;
        }
    }

    /// <summary>Null when plans may be kept in the directory (only root or the running user can write it); else why not and the fix.</summary>
    public string? TrustProblem() => Files.StatePaths.Problem(Directory, Core.Trust.PathUse.PrivateDirectory);

    private string LockPath(string id) => Path.Combine(Directory, id + ".lock");
}
