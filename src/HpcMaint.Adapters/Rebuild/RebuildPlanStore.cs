using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// Plans as files under the state directory: &lt;id&gt;.json, replaced atomically (write a temporary file,
/// fsync, rename), so a kill at any moment leaves the old plan or the new one, never half of one.
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

        var plan = RebuildPlanJson.TryRead(File.ReadAllBytes(path), out var error);
        problem = plan is null ? $"{path}: not a rebuild plan: {error}" : null;
        return plan;
    }

    /// <summary>Every readable plan, oldest first.</summary>
    public IReadOnlyList<RebuildPlan> All()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => RebuildPlanJson.TryRead(File.ReadAllBytes(f), out _))
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
    public IDisposable? TryLock(string id)
    {
        System.IO.Directory.CreateDirectory(Directory);
        try
        {
            // On Unix, .NET takes an flock(LOCK_EX|LOCK_NB) for FileShare.None.
            return new FileStream(LockPath(id), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string LockPath(string id) => Path.Combine(Directory, id + ".lock");
}
