namespace HpcMaint.Core.Health;

/// <summary>
/// The probe as one check sees it: a program it ran that was stopped is told which limit stopped it (the
/// check's timeout or the run's time), which only the check runner knows.
/// </summary>
internal sealed class CheckProbe(IHostProbe inner, Func<string> limitReached) : IHostProbe
{
    public TimeProvider Time => inner.Time;

    public string? ReadText(string path) => inner.ReadText(path);

    public IReadOnlyList<string>? ListDirectory(string path) => inner.ListDirectory(path);

    public FileFacts? Stat(string path) => inner.Stat(path);

    public FileSystemSpace? GetSpace(string path) => inner.GetSpace(path);

    public async Task<ProbeOutput> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = await inner.RunAsync(argv, timeout, cancellationToken).ConfigureAwait(false);
        return output.Stopped ? output with { Problem = $"{output.Problem}: {limitReached()}" } : output;
    }

    public Task<string?> TryConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.TryConnectAsync(host, port, timeout, cancellationToken);
}
