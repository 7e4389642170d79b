using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>The `hpcmaint` executable as an admin runs it.</summary>
public sealed class HpcmaintCliSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static async Task<CommandResult> RunAsync(string stdin, params string[] args)
    {
        var command = Command.For(Executables.Hpcmaint).WithArguments(args)
            .WithEnvironment(new Dictionary<string, string?> { ["HPCMAINT_CONFIG"] = null });
        if (stdin.Length > 0)
        {
            command = command.WithStandardInput(stdin);
        }

        return await new ProcessRunner(TimeProvider.System).RunAsync(command);
    }

    [Fact]
    public async Task A_config_with_three_mistakes_exits_2_listing_three_errors_with_file_and_line()
    {
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, "[slurm]\nbin_dir = \"usr/bin\"\ncommand_timeout = \"ten\"\n\n[loging]\nlevel = \"info\"\n");

        var result = await RunAsync(string.Empty, "config", "check", "--config", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        var lines = result.StandardError.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith(path + ":2: slurm.bin_dir:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(path + ":3: slurm.command_timeout:", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(path + ":5: loging:", lines[2], StringComparison.Ordinal);
        Assert.Equal("3 problems in the configuration; nothing was done.", lines[3]);
    }

    [Fact]
    public async Task Config_check_prints_the_effective_config_which_reads_back_the_same()
    {
        var path = Path.Combine(dir, "ok.toml");
        File.WriteAllText(path, "[slurm]\nconf = \"/etc/slurm/slurm.conf\"\n");

        var first = await RunAsync(string.Empty, "config", "check", "--config", path);
        var effective = Path.Combine(dir, "effective.toml");
        File.WriteAllText(effective, first.StandardOutput);
        var second = await RunAsync(string.Empty, "config", "check", "--config", effective);
        var json = await RunAsync(string.Empty, "config", "check", "--config", path, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("conf = \"/etc/slurm/slurm.conf\"", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(first.StandardOutput.Split('\n').Skip(1), second.StandardOutput.Split('\n').Skip(1));
        Assert.Contains("\"command_timeout\": \"10s\"", json.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_prints_every_section_and_key_the_same_in_text_and_json()
    {
        // The annotated example, with its commented [openstack] and [oci] sections and first [[health.check]] switched on, and one [[maintenance.window]].
        var example = File.ReadAllText(Path.Combine(Executables.RepositoryRoot, "slurm", "hpcmaint.toml"));
        var path = Path.Combine(dir, "all.toml");
        File.WriteAllText(path, example + "\n[openstack]\ncloud = \"c1\"\n\n[oci]\nprofile = \"DEFAULT\"\n\n[[health.check]]\ncheck = \"fs.mount\"\npath = \"/scratch\"\n\n[[maintenance.window]]\ndays = \"mon-fri\"\nhours = \"22:00-06:00\"\n");

        var text = await RunAsync(string.Empty, "config", "check", "--config", path);
        var json = await RunAsync(string.Empty, "config", "check", "--config", path, "--json");

        Assert.Equal(0, text.ExitCode);
        var textKeys = TextKeys(text.StandardOutput);
        var jsonKeys = JsonKeys(System.Text.Json.JsonDocument.Parse(json.StandardOutput).RootElement, string.Empty).ToHashSet();
        jsonKeys.Remove("source");
        Assert.Equal(textKeys.Order(StringComparer.Ordinal), jsonKeys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "slurm", "audit", "logging", "node", "reboot", "power", "openstack", "oci", "health", "health.breaker", "health.lemon", "health.notify", "rebuild" })
        {
            Assert.Contains(textKeys, k => k.StartsWith(name + ".", StringComparison.Ordinal));
        }

        // Every key the example names, written or commented out, is shown with its value in force.
        var section = string.Empty;
        foreach (var line in example.Split('\n').Select(l => l.TrimStart('#', ' ')))
        {
            if (System.Text.RegularExpressions.Regex.Match(line, @"^\[\[?([a-z_.]+)\]\]?\s*$") is { Success: true } header)
            {
                section = header.Groups[1].Value;
            }
            else if (System.Text.RegularExpressions.Regex.Match(line, @"^([a-z_]+) = ") is { Success: true } key && section.Length > 0 && section is not ("health.check" or "health.remedy" or "reboot.nodes" or "maintenance.window"))
            {
                Assert.Contains(section + "." + key.Groups[1].Value, textKeys);
            }
        }

        Assert.Contains("reboot.work_dir", textKeys);
        Assert.Contains("reboot.slurm_timeout", textKeys);
        Assert.Contains("health.check[1].path", textKeys);
        Assert.Contains("maintenance.window[1].hours", textKeys);
    }

    private static HashSet<string> TextKeys(string toml)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var section = string.Empty;
        var counts = new Dictionary<string, int>();
        foreach (var line in toml.Split('\n'))
        {
            if (line.StartsWith("[[", StringComparison.Ordinal))
            {
                var name = line.Trim('[', ']');
                counts[name] = counts.GetValueOrDefault(name) + 1;
                section = $"{name}[{counts[name]}]";
            }
            else if (line.StartsWith('['))
            {
                section = line.Trim('[', ']');
            }
            else if (line.Contains(" = ", StringComparison.Ordinal))
            {
                keys.Add($"{section}.{line[..line.IndexOf(" = ", StringComparison.Ordinal)]}");
            }
            else if (line.EndsWith(": not set", StringComparison.Ordinal))
            {
                keys.Add($"{section}.{line[2..line.IndexOf(':', StringComparison.Ordinal)]}");
            }
        }

        return keys;
    }

    private static IEnumerable<string> JsonKeys(System.Text.Json.JsonElement e, string prefix)
    {
        foreach (var p in e.EnumerateObject())
        {
            var name = prefix + p.Name;
            if (p.Value.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var k in JsonKeys(p.Value, name + "."))
                {
                    yield return k;
                }
            }
            else if (p.Value.ValueKind == System.Text.Json.JsonValueKind.Array && p.Value.EnumerateArray().Any(x => x.ValueKind == System.Text.Json.JsonValueKind.Object))
            {
                var i = 0;
                foreach (var item in p.Value.EnumerateArray())
                {
                    foreach (var k in JsonKeys(item, $"{name}[{++i}]."))
                    {
                        yield return k;
                    }
                }
            }
            else
            {
                yield return name;
            }
        }
    }

    [Fact]
    public async Task Config_decode_prints_tagged_json_and_exits_1_on_invalid_toml()
    {
        var valid = await RunAsync("answer = 42\n", "config", "decode");
        var invalid = await RunAsync("answer = \n", "config", "decode");

        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("\"type\": \"integer\"", valid.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.StartsWith("<stdin>:1:", invalid.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostlist_commands_read_arguments_or_standard_input()
    {
        var compressed = await RunAsync("n3\nn1\nn2\ngpu008 gpu009\ngpu011\n", "hostlist", "compress");
        var expanded = await RunAsync(string.Empty, "hostlist", "expand", "r[1-2]n[01-02]");
        var malformed = await RunAsync(string.Empty, "hostlist", "expand", "n[3-1]");

        Assert.Equal("n[3,1-2],gpu[008-009,011]\n", compressed.StandardOutput);
        Assert.Equal("r1n01\nr1n02\nr2n01\nr2n02\n", expanded.StandardOutput);
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("hpcmaint hostlist: ", malformed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_and_help_work_without_a_config()
    {
        var version = await RunAsync(string.Empty, "--version");
        var help = await RunAsync(string.Empty, "--help");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("hostlist", help.StandardOutput, StringComparison.Ordinal);
    }
}
