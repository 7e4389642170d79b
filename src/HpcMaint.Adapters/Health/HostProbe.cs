using System.Net.Sockets;
using HpcMaint.Adapters.Interop;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Health;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// The real node as checks see it. Paths are resolved under <see cref="Root"/> ("/" normally; a test
/// or chroot tree otherwise); programs run through the argv-only runner with a clean PATH.
/// </summary>
public sealed class HostProbe(string root, ICommandRunner runner, TimeProvider time, long outputLimit = 1L << 20) : IHostProbe
{
    private static readonly Dictionary<string, string?> ToolEnvironment = new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["LC_ALL"] = "C",
    };

    public string Root { get; } = root.Length > 1 ? root.TrimEnd('/') : string.Empty;

    public TimeProvider Time { get; } = time;

    public string? ReadText(string path)
    {
        try
        {
            return Files.SmallFile.ReadAllText(Resolve(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public IReadOnlyList<string>? ListDirectory(string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Resolve(path)).Select(p => p[(p.LastIndexOf('/') + 1)..]).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public FileFacts? Stat(string path)
    {
        var full = Resolve(path);
        try
        {
            // Both follow symbolic links, as test -d / test -f do.
            return Directory.Exists(full) ? new FileFacts(FileKind.Directory, (int)File.GetUnixFileMode(full), 0)
                : File.Exists(full) ? new FileFacts(FileKind.File, (int)File.GetUnixFileMode(full), new FileInfo(full).Length)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public FileSystemSpace? GetSpace(string path) =>
        FileSystemStats.Query(Resolve(path)) is { } s ? new FileSystemSpace(s.Total, s.Available, s.Inodes, s.AvailableInodes, s.ReadOnly) : null;

    public async Task<ProbeOutput> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = Command.For(argv[0]).WithArguments(argv.Skip(1)).WithEnvironment(ToolEnvironment).WithTimeout(timeout)
            .WithOutputLimit(outputLimit);
        var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        return Read(argv[0], timeout, result) with { TruncatedAt = result.OutputTruncated ? outputLimit : null };
    }

    private static ProbeOutput Read(string program, TimeSpan timeout, CommandResult result) =>
        result.Outcome switch
        {
            CommandOutcome.Exited => new ProbeOutput(result.ExitCode, result.StandardOutput, result.StandardError),
            CommandOutcome.Signaled => new ProbeOutput(null, result.StandardOutput, result.StandardError, $"{program} was killed by signal {result.ExitCode - 128}"),
            CommandOutcome.TimedOut => new ProbeOutput(null, result.StandardOutput, result.StandardError, $"{program} did not finish within {Core.Config.DurationText.Format(timeout)}"),
            CommandOutcome.Cancelled => new ProbeOutput(null, result.StandardOutput, result.StandardError, $"{program} was stopped") { Stopped = true },
            _ => ProbeOutput.Failed($"{program} could not be started: {result.StandardError.Trim()}"),
        };

    public async Task<string?> TryConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"no connection within {Core.Config.DurationText.Format(timeout)}";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound => "host not found",
                _ => e.Message,
            };
        }
    }

    private string Resolve(string path) => Root + (path.StartsWith('/') ? path : "/" + path);
}
