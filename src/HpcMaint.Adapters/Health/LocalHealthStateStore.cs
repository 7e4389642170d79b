using System.Text.Json;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// The node-local state file, written atomically (a new file renamed over the old one) in a directory only
/// root or the running user can write, never read through a symbolic link. A missing or damaged file is a
/// fresh start: at worst a strike is counted again, and slurmctld is asked.
/// </summary>
public sealed class LocalHealthStateStore(string path)
{
    public string Path { get; } = path;

    public LocalHealthState Load()
    {
        try
        {
            using var document = JsonDocument.Parse(Files.NoFollowFile.ReadAllBytes(Path));
            var root = document.RootElement;
            var strikes = new Dictionary<string, int>(StringComparer.Ordinal);
            if (root.TryGetProperty("strikes", out var s))
            {
                foreach (var p in s.EnumerateObject())
                {
                    strikes[p.Name] = p.Value.GetInt32();
                }
            }

            DateTimeOffset? checkedAt = root.TryGetProperty("slurm_checked_at", out var c) ? DateTimeOffset.FromUnixTimeSeconds(c.GetInt64()) : null;
            var nothingOpen = root.TryGetProperty("nothing_open", out var n) && n.GetBoolean();
            return new LocalHealthState(new StrikeBook(strikes), checkedAt, nothingOpen);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return LocalHealthState.Fresh;
        }
    }

    /// <summary>Saves the state; false when the directory cannot be written (the run goes on).</summary>
    public bool Save(LocalHealthState state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("strikes");
            foreach (var (key, count) in state.Strikes.Counts.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(key, count);
            }

            json.WriteEndObject();
            if (state.SlurmCheckedAt is { } at)
            {
                json.WriteNumber("slurm_checked_at", at.ToUnixTimeSeconds());
            }

            json.WriteBoolean("nothing_open", state.NothingOpen);
            json.WriteEndObject();
        }

        try
        {
            Files.AtomicFile.Replace(Path, buffer.ToArray());
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
