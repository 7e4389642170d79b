namespace HpcMaint.Core.Health;

/// <summary>
/// What checks may read of the node. Paths are absolute as on the node ("/proc/meminfo"); the adapter
/// resolves them under its configured root, so a test or a chroot can stand in for "/".
/// </summary>
public interface IHostProbe
{
    /// <summary>The clock, for checks with a time window (kernel log events).</summary>
    TimeProvider Time { get; }

    /// <summary>The whole text of a file, or null when it does not exist or cannot be read.</summary>
    string? ReadText(string path);

    /// <summary>The entry names in a directory (not sorted), or null when it does not exist.</summary>
    IReadOnlyList<string>? ListDirectory(string path);

    /// <summary>What kind of thing is at a path, with its mode bits; null when nothing is there.</summary>
    FileFacts? Stat(string path);

    /// <summary>Size and use of the filesystem holding <paramref name="path"/>; null when it cannot be queried.</summary>
    FileSystemSpace? GetSpace(string path);

    /// <summary>Runs a program (argv; argv[0] an absolute path) with a timeout, capturing its output.</summary>
    Task<ProbeOutput> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Opens and closes a TCP connection; null when it worked, else what went wrong.</summary>
    Task<string?> TryConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken);
}
