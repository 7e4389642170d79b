namespace HpcMaint.Toml.Tests;

/// <summary>The toml-test cases for TOML 1.0.0, as listed by the suite's own <c>files-toml-1.0.0</c>.</summary>
internal static class TomlTestCases
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "toml-test");

    /// <summary>Case names like <c>valid/string/multiline</c>, without extension.</summary>
    public static TheoryData<string> Named(string kind, IEnumerable<string>? except = null)
    {
        var excluded = new HashSet<string>(except ?? [], StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (string line in File.ReadLines(Path.Combine(Root, "files-toml-1.0.0")))
        {
            if (line.StartsWith(kind + "/", StringComparison.Ordinal) && line.EndsWith(".toml", StringComparison.Ordinal)
                && !excluded.Contains(line[..^".toml".Length]))
            {
                data.Add(line[..^".toml".Length]);
            }
        }

        return data;
    }

    public static byte[] Toml(string name) => File.ReadAllBytes(Path.Combine(Root, name + ".toml"));

    public static string ExpectedJson(string name) => File.ReadAllText(Path.Combine(Root, name + ".json"));
}
