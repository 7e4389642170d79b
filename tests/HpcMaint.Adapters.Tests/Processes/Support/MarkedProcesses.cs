using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Tests.Processes.Support;

/// <summary>Finds processes by a marker in their environment, which every descendant inherits.</summary>
internal static class MarkedProcesses
{
    public const string Variable = "HPCMAINT_TEST_MARKER";

    public static string NewMarker() => "tree-" + Guid.NewGuid().ToString("N");

    /// <summary>Live processes (not zombies, whose environment reads empty) carrying the marker.</summary>
    public static IReadOnlyList<int> Find(string marker)
    {
        var entry = $"{Variable}={marker}\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && ReadEnvironment(pid).Contains(entry, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    public static async Task<bool> WaitUntilNoneAsync(string marker, TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        while (Find(marker).Count > 0 && waited < limit)
        {
            await Task.Delay(step, TimeProvider.System);
            waited += step;
        }

        return Find(marker).Count == 0;
    }

    public static void KillAll(string marker)
    {
        foreach (var pid in Find(marker))
        {
            _ = LibC.Kill(pid, LibC.SIGKILL);
        }
    }

    private static string ReadEnvironment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
