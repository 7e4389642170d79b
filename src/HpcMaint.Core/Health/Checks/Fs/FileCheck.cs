using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary><c>fs.file</c>: each of several paths passes each test (exists, absent, file, directory, executable, readable, writable).</summary>
internal sealed class FileCheck(IReadOnlyList<string> paths, IReadOnlyList<FileTest> tests) : IHealthCheck
{
    public const string Condition = "fs.file";

    public static CheckKind Kind { get; } = new(
        Condition,
        "paths pass file tests (tests = [\"exists\"] by default; also absent, file, directory, executable, readable, writable)",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        foreach (var path in paths)
        {
            var facts = probe.Stat(path);
            foreach (var test in tests)
            {
                if (test.Problem(facts) is { } problem)
                {
                    found.Fault(Condition, $"{path} {problem}", test.Name());
                    break;
                }
            }
        }

        return Task.FromResult(found.ToVerdict());
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var paths = section.StringList("paths", [], list => list.Select(ConfigRules.AbsolutePath).FirstOrDefault(p => p is not null));
        var tests = section.StringList("tests", ["exists"], list =>
            list.Count == 0 ? "name at least one test, e.g. [\"file\", \"executable\"]"
            : list.Select(ConfigRules.OneOf(FileTests.Names)).FirstOrDefault(p => p is not null));
        return paths.Count == 0
            ? MisconfiguredCheck.Report(section, "paths", "no paths: write paths = [\"/etc/slurm/slurm.conf\"]")
            : new FileCheck(paths, tests.Select(FileTests.Parse).ToArray());
    }
}
