namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Where openstacksdk looks for clouds.yaml, first found wins: OS_CLIENT_CONFIG_FILE, then the working
/// directory, the user config directory (XDG_CONFIG_HOME, ~/.config) and the system directories, each
/// as clouds.yaml, clouds.yml, clouds.json.
/// </summary>
public static class CloudsFileLocator
{
    public const string FileVariable = "OS_CLIENT_CONFIG_FILE";

    private static readonly string[] FileNames = ["clouds.yaml", "clouds.yml", "clouds.json"];

    public static IReadOnlyList<string> Candidates(CloudsEnvironment environment)
    {
        var candidates = new List<string>();
        if (environment.Variable(FileVariable) is { Length: > 0 } explicitFile)
        {
            candidates.Add(explicitFile);
        }

        foreach (var directory in Directories(environment).Distinct(StringComparer.Ordinal))
        {
            candidates.AddRange(FileNames.Select(name => Path.Combine(directory, name)));
        }

        return candidates;
    }

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? Find(CloudsEnvironment environment) => Candidates(environment).FirstOrDefault(File.Exists);

    private static IEnumerable<string> Directories(CloudsEnvironment environment)
    {
        yield return environment.CurrentDirectory;
        if (environment.Variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
        {
            yield return Path.Combine(xdg, "openstack");
        }

        if (environment.HomeDirectory is { Length: > 0 } home)
        {
            yield return Path.Combine(home, ".config", "openstack");
        }

        foreach (var directory in environment.SystemDirectories)
        {
            yield return directory;
        }
    }
}
