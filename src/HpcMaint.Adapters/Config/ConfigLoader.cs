using HpcMaint.Core.Config;
using HpcMaint.Toml;

namespace HpcMaint.Adapters.Config;

/// <summary>
/// Finds and reads the config once at start: --config, else HPCMAINT_CONFIG, else
/// /etc/hpcmaint/hpcmaint.toml. A file that was asked for must exist; without one at the default
/// path the built-in defaults apply (safe on any node: they check and change nothing by themselves).
/// </summary>
public static class ConfigLoader
{
    public const string EnvironmentVariable = "HPCMAINT_CONFIG";

    public static string Locate(string? commandLinePath, Func<string, string?> getEnvironment) =>
        commandLinePath ?? (getEnvironment(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv : HpcMaintConfig.DefaultPath);

    public static ConfigResult Load(string? commandLinePath, Func<string, string?> getEnvironment)
    {
        var path = Locate(commandLinePath, getEnvironment);
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
