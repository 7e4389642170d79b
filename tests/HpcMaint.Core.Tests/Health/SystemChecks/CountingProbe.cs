using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

/// <summary>Passes everything to a fake node and counts what was read and listed, to pin down I/O costs.</summary>
internal sealed class CountingProbe(FakeHostProbe node) : IHostProbe
{
    public List<string> Reads { get; } = [];

    public List<string> Listings { get; } = [];

    public TimeProvider Time => node.Time;

    public string? ReadText(string path)
    {
        lock (Reads)
        {
            Reads.Add(path);
        }

        return node.ReadText(path);
    }

    public IReadOnlyList<string>? ListDirectory(string path)
    {
        lock (Listings)
        {
            Listings.Add(path);
        }

        return node.ListDirectory(path);
    }

    public FileFacts? Stat(string path) => node.Stat(path);

    public FileSystemSpace? GetSpace(string path) => node.GetSpace(path);

    public Task<ProbeOutput> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken) =>
        node.RunAsync(argv, timeout, cancellationToken);

    public Task<string?> TryConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        node.TryConnectAsync(host, port, timeout, cancellationToken);
}
