using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.OpenStack;
using HpcMaint.Core.Config;
using HpcMaint.Core.Trust;
using HpcMaint.Toml;

namespace HpcMaint.Adapters.Config;

/// <summary>
/// Finds and reads the config once at start: --config, else HPCMAINT_CONFIG, else
/// /etc/hpcmaint/hpcmaint.toml. A file that was asked for must exist; without one at the default
/// path the built-in defaults apply (safe on any node: they check and change nothing by themselves).
/// What the config names is judged for trust here too (<see cref="InstallationTrust"/>): a program,
/// credential or state path others could change is a config error at its key's line.
/// </summary>
public static class ConfigLoader
{
    public const string EnvironmentVariable = "HPCMAINT_CONFIG";

    public static string Locate(string? commandLinePath, Func<string, string?> getEnvironment) =>
        commandLinePath ?? (getEnvironment(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv : HpcMaintConfig.DefaultPath);

    /// <param name="fileMustBeTrusted">
    /// The config file itself, and every directory above it, must be owned by root or the running user and
    /// not writable by group or others: always for the hooks and the prolog, for the CLI when it runs as root.
    /// </param>
    public static ConfigResult Load(string? commandLinePath, Func<string, string?> getEnvironment, bool fileMustBeTrusted = false)
    {
        var path = Locate(commandLinePath, getEnvironment);
        var result = Read(path);
        return result.With(TrustProblems(result, path, getEnvironment, fileMustBeTrusted));
    }

    private static ConfigResult Read(string path)
    {
        var askedFor = path != HpcMaintConfig.DefaultPath;
        if (!File.Exists(path))
        {
            return askedFor
                ? ConfigResult.Invalid([new ConfigError(path, 0, "file", "no such file; check the path given with --config or HPCMAINT_CONFIG")])
                : HpcMaintConfigReader.Read(TomlParser.Parse(string.Empty, path), "(built-in defaults: " + path + " does not exist)");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ConfigResult.Invalid([new ConfigError(path, 0, "file", "cannot read it: " + e.Message)]);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Every program, credential and state path the config names, judged as the running user sees them
    /// (a clouds.yaml found by openstacksdk's search too), and the config file when it must be trusted.
    /// </summary>
    private static IReadOnlyList<ConfigError> TrustProblems(ConfigResult result, string path, Func<string, string?> getEnvironment, bool fileMustBeTrusted)
    {
        var paths = new List<TrustedPath>();
        if (fileMustBeTrusted)
        {
            paths.Add(new TrustedPath("file", 0, Path.GetFullPath(path), PathUse.ConfigFile));
        }

        paths.AddRange(result.Paths);
        if (result.Config?.OpenStack is { CloudsFile: null }
            && CloudsFileLocator.Find(new CloudsEnvironment(getEnvironment, Environment.CurrentDirectory, getEnvironment("HOME"), CloudsEnvironment.LinuxSystemDirectories)) is { } found)
        {
            paths.Add(new TrustedPath("openstack.clouds_file", 0, Path.GetFullPath(found), PathUse.Secret));
        }

        return InstallationTrust.Check(path, paths, new FileFacts(), FileFacts.RunningUser);
    }

    public static ConfigResult Parse(string text, string path)
    {
        TomlTable root;
        try
        {
            root = TomlParser.Parse(text, path);
        }
        catch (TomlException e)
        {
            return ConfigResult.Invalid([new ConfigError(path, e.Line, "syntax", $"column {e.Column}: {e.Reason}")]);
        }

        return HpcMaintConfigReader.Read(root, path);
    }
}
