using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health;

/// <summary>An in-memory node for check specs: files, directories, filesystems and replayed program output.</summary>
internal sealed class FakeHostProbe : IHostProbe
{
    private readonly Dictionary<string, string> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileFacts> facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileSystemSpace> spaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProbeOutput> programs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> endpoints = new(StringComparer.Ordinal);

    public FakeHostProbe(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    public TimeProvider Time { get; }

    /// <summary>Every argv the checks ran, joined with spaces, in order.</summary>
    public List<string> Ran { get; } = [];

    /// <summary>The limit each run was given, in the order of <see cref="Ran"/>.</summary>
    public List<TimeSpan> RunLimits { get; } = [];

    public FakeHostProbe WithFile(string path, string text, int mode = 0b110_100_100)
    {
        files[path] = text;
        facts[path] = new FileFacts(FileKind.File, mode, text.Length);
        return this;
    }

    /// <summary>A file whose text is a fixture copied under tests (path relative to the test output folder).</summary>
    public FakeHostProbe WithFixture(string path, string fixture) =>
        WithFile(path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, fixture)));

    public FakeHostProbe WithDirectory(string path, int mode = 0b111_101_101)
    {
        facts[path] = new FileFacts(FileKind.Directory, mode, 4096);
        return this;
    }

    public FakeHostProbe WithSpace(string path, FileSystemSpace space)
    {
        spaces[path] = space;
        return this;
    }

    /// <summary>What running <paramref name="argv"/> (matched exactly) prints and exits with.</summary>
    public FakeHostProbe WithProgram(IReadOnlyList<string> argv, ProbeOutput output)
    {
        programs[string.Join(' ', argv)] = output;
        return this;
    }

    public FakeHostProbe WithProgramOutput(IReadOnlyList<string> argv, string stdout, int exitCode = 0) =>
        WithProgram(argv, new ProbeOutput(exitCode, stdout, string.Empty));

    public FakeHostProbe WithEndpoint(string host, int port, string? problem = null)
    {
        endpoints[$"{host}:{port}"] = problem;
        return this;
    }

    public string? ReadText(string path) => files.GetValueOrDefault(path);

    public IReadOnlyList<string>? ListDirectory(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        var names = facts.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count > 0 || facts.ContainsKey(path.TrimEnd('/')) ? names : null;
    }

    public FileFacts? Stat(string path)
    {
        if (facts.TryGetValue(path, out var f))
        {
            return f;
        }

        var prefix = path.TrimEnd('/') + "/";
        return facts.Keys.Any(p => p.StartsWith(prefix, StringComparison.Ordinal))
            ? new FileFacts(FileKind.Directory, 0b111_101_101, 4096)
            : null;
    }

    public FileSystemSpace? GetSpace(string path) => spaces.GetValueOrDefault(path);

    public Task<ProbeOutput> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = string.Join(' ', argv);
        Ran.Add(line);
        RunLimits.Add(timeout);
        return Task.FromResult(programs.TryGetValue(line, out var output)
            ? output
            : ProbeOutput.Failed($"{argv[0]}: no such program"));
    }

    public Task<string?> TryConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(endpoints.TryGetValue($"{host}:{port}", out var problem) ? problem : "connection refused");
}
