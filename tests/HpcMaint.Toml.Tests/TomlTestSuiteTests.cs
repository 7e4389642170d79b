namespace HpcMaint.Toml.Tests;

/// <summary>Every TOML 1.0.0 case of toml-test, one test case each.</summary>
public sealed class TomlTestSuiteTests
{
    public static TheoryData<string> ValidCases => TomlTestCases.Named("valid");

    public static TheoryData<string> InvalidCases => TomlTestCases.Named("invalid");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void A_valid_document_decodes_to_the_expected_tagged_json(string name)
    {
        // Arrange
        byte[] toml = TomlTestCases.Toml(name);
        string expected = TomlTestCases.ExpectedJson(name);

        // Act
        var root = TomlParser.Parse(toml, name);
        string actual = TomlTaggedJson.ToJsonString(root);

        // Assert
        Assert.Null(TaggedJsonComparer.Difference(expected, actual));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_document_is_rejected_with_its_position(string name)
    {
        // Arrange
        byte[] toml = TomlTestCases.Toml(name);

        // Act
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(toml, name));

        // Assert
        Assert.True(error.Line >= 1, $"line {error.Line}");
        Assert.True(error.Column >= 1, $"column {error.Column}");
        Assert.StartsWith($"{name}:{error.Line}:{error.Column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suite_lists_every_toml_1_0_case()
    {
        // Guards against an empty or truncated copy making the theories pass vacuously.
        Assert.Equal(165, ValidCases.Count);
        Assert.Equal(387, InvalidCases.Count);
    }
}
