using System.Text;
using System.Text.Json;
using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Ansible;

/// <summary>
/// Runs Debian's ansible-playbook on this machine (`-i localhost, -c local`) with the extra vars written
/// as a JSON file, an empty ansible.cfg, no colour, and Ansible's own files in a temporary directory.
/// </summary>
internal sealed class AnsiblePlaybook : IDisposable
{
    private readonly Dictionary<string, string?> environment;
    private int runs;

    public AnsiblePlaybook(IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hpcmaint-ansible-").FullName;
        var config = Path.Combine(Directory, "ansible.cfg");
        File.WriteAllText(config, "[defaults]\n");
        environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ANSIBLE_CONFIG"] = config,
            ["ANSIBLE_HOME"] = Path.Combine(Directory, "home"),
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Directory, "tmp-local"),
            ["ANSIBLE_REMOTE_TEMP"] = Path.Combine(Directory, "tmp-remote"),
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_FORCE_COLOR"] = null,
            ["ANSIBLE_PYTHON_INTERPRETER"] = "auto_silent",
        };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
    }

    /// <summary>A directory of the test's own, removed with it.</summary>
    public string Directory { get; }

    public static string InRepository(params string[] path) => Path.Combine([Executables.Executables.RepositoryRoot, .. path]);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public async Task<PlaybookRun> RunAsync(string playbook, IReadOnlyDictionary<string, object> vars, TimeSpan timeout)
    {
        var program = Locate();
        var varsFile = Path.Combine(Directory, $"vars-{++runs}.json");
        File.WriteAllText(varsFile, Json(vars));
        var command = Command.For(program)
            .WithArguments(["-i", "localhost,", "-c", "local", playbook, "-e", "@" + varsFile])
            .WithEnvironment(environment)
            .WithWorkingDirectory(Directory)
            .WithTimeout(timeout);
        var result = await new ProcessRunner(TimeProvider.System).RunAsync(command);
        Assert.True(result.Outcome == CommandOutcome.Exited, $"ansible-playbook {playbook}: {result.Outcome} after {result.RunTime}\n{result.StandardOutput}{result.StandardError}");
        return new PlaybookRun(result);
    }

    /// <summary>ansible-playbook on PATH; the spec fails (never skips) when it is missing.</summary>
    private static string Locate()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return ProgramLocator.TryLocate("ansible-playbook", path, out var found, out _)
            ? found
            : throw new Xunit.Sdk.XunitException("ansible-playbook is not on PATH: install Debian's ansible (tests/run-tests.sh does)");
    }

    /// <summary>Strings, numbers, booleans and lists of strings, as JSON (no reflection).</summary>
    private static string Json(IReadOnlyDictionary<string, object> vars)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            foreach (var (name, value) in vars)
            {
                switch (value)
                {
                    case string s:
                        j.WriteString(name, s);
                        break;
                    case int i:
                        j.WriteNumber(name, i);
                        break;
                    case bool b:
                        j.WriteBoolean(name, b);
                        break;
                    case IEnumerable<string> words:
                        j.WriteStartArray(name);
                        foreach (var w in words)
                        {
                            j.WriteStringValue(w);
                        }

                        j.WriteEndArray();
                        break;
                    default:
                        throw new ArgumentException($"{name}: {value.GetType()} is not written as JSON here", nameof(vars));
                }
            }

            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
