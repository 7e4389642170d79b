using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Finds clouds.yaml and selects the cloud: the name given, else OS_CLOUD, else the only one defined.</summary>
public static class CloudsConfigLoader
{
    public const string CloudVariable = "OS_CLOUD";

    public static CloudConfigResult Load(CloudsEnvironment environment, string? cloudName = null)
    {
        var explicitFile = environment.Variable(CloudsFileLocator.FileVariable);
        var path = CloudsFileLocator.Find(environment);
        if (path is null)
        {
            var problem = explicitFile is { Length: > 0 }
                ? $"{CloudsFileLocator.FileVariable}={explicitFile}: no such file, and no clouds.yaml elsewhere"
                : "no clouds.yaml found; looked in: " + string.Join(", ", CloudsFileLocator.Candidates(environment));
            return CloudConfigResult.Invalid([new ConfigError(explicitFile ?? "clouds.yaml", 0, "file", problem)]);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CloudConfigResult.Invalid(path, 0, "file", "cannot read it: " + e.Message);
        }

        var name = cloudName ?? (environment.Variable(CloudVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        return CloudsYamlReader.Read(path, text, name);
    }
}
