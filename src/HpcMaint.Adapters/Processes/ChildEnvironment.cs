using System.Collections;

namespace HpcMaint.Adapters.Processes;

/// <summary>The environment a command's child actually gets: its base (<see cref="EnvironmentBase"/>), then the command's variables.</summary>
internal static class ChildEnvironment
{
    /// <summary>hpcmaint's own variables (the config path, a test run's mark) travel on to what it runs.</summary>
    public const string OwnPrefix = "HPCMAINT_";

    public static Dictionary<string, string> For(Command command)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (command.EnvironmentBase)
        {
            case EnvironmentBase.Minimal:
                variables["PATH"] = CommandDefaults.SearchPath;
                foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                {
                    if (((string)entry.Key).StartsWith(OwnPrefix, StringComparison.Ordinal))
                    {
                        variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
                    }
                }

                break;
            case EnvironmentBase.Inherited:
                foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                {
                    variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
                }

                break;
        }

        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    public static string[] ToEntries(Dictionary<string, string> variables) =>
        [.. variables.Select(variable => $"{variable.Key}={variable.Value}")];
}
