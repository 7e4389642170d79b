using System.Collections;

namespace HpcMaint.Adapters.Processes;

/// <summary>The environment a command's child actually gets: its base (<see cref="EnvironmentBase"/>), then the command's variables.</summary>
internal static class ChildEnvironment
{
    public static Dictionary<string, string> For(Command command)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (command.EnvironmentBase)
        {
            case EnvironmentBase.Minimal:
                variables["PATH"] = CommandDefaults.SearchPath;
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
