using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Reads a node → server map: one <c>node server-id</c> pair a line (a space, tab or '=' between),
/// '#' comments and blank lines ignored. Every bad line is reported with its number.
/// </summary>
public static class ServerMapFile
{
    public static (ServerMapping.ByFile? Mapping, IReadOnlyList<ConfigError> Errors) Parse(string file, string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<ConfigError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var parts = content.Split([' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                errors.Add(new ConfigError(file, i + 1, content, "expected 'node server-id'"));
            }
            else if (!map.TryAdd(parts[0], parts[1]))
            {
                errors.Add(new ConfigError(file, i + 1, parts[0], "node mapped twice"));
            }
        }

        return errors.Count == 0 ? (new ServerMapping.ByFile(map, file), errors) : (null, errors);
    }

    public static (ServerMapping.ByFile? Mapping, IReadOnlyList<ConfigError> Errors) Load(string file)
    {
        try
        {
            return Parse(file, File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new ConfigError(file, 0, "file", "cannot read it: " + e.Message)]);
        }
    }
}
