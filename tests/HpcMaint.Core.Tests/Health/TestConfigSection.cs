using HpcMaint.Core.Config;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Health;

/// <summary>A config section parsed from TOML text, with the errors reading it produced.</summary>
internal sealed class TestConfigSection
{
    private readonly ConfigReader reader = new("test.toml");

    public TestConfigSection(string toml) =>
        Section = reader.Section(TomlParser.Parse("[check]\n" + toml, "test.toml"), "check");

    public ConfigSection Section { get; }

    /// <summary>Every error so far, as "line: key: problem".</summary>
    public IReadOnlyList<string> Errors => reader.Errors.Select(e => $"{e.Line}: {e.Key}: {e.Problem}").ToArray();
}
