namespace HpcMaint.Toml.Tests;

/// <summary>Every TOML 1.0.0 case of toml-test, one test case each.</summary>
public sealed class TomlTestSuiteTests
{
    public static TheoryData<string> ValidCases => TomlTestCases.Named("valid");

    /// <summary>
    /// The invalid TOML 1.0 cases Tomlyn accepts because TOML 1.1 allows them; each is otherwise rejected.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AcceptedAsToml11 = new Dictionary<string, string>
    {
        ["invalid/datetime/no-secs"] = "TOML 1.1 makes the seconds of a time optional",
        ["invalid/local-datetime/no-secs"] = "TOML 1.1 makes the seconds of a time optional",
        ["invalid/inline-table/linebreak-01"] = "TOML 1.1 allows newlines inside inline tables",
        ["invalid/inline-table/linebreak-02"] = "TOML 1.1 allows newlines inside inline tables",
        ["invalid/inline-table/linebreak-03"] = "TOML 1.1 allows newlines inside inline tables",
        ["invalid/inline-table/linebreak-04"] = "TOML 1.1 allows newlines inside inline tables",
        ["invalid/inline-table/trailing-comma"] = "TOML 1.1 allows a trailing comma in inline tables",
        ["invalid/string/basic-byte-escapes"] = "TOML 1.1 adds the \\xHH escape",
    };

    public static TheoryData<string> InvalidCases => TomlTestCases.Named("invalid", except: AcceptedAsToml11.Keys);

    public static TheoryData<string> Toml11Cases => [.. AcceptedAsToml11.Keys];

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

    [Theory]
    [MemberData(nameof(Toml11Cases))]
    public void An_invalid_toml_1_0_document_that_toml_1_1_allows_is_accepted(string name)
    {
        // Pins the list: when Tomlyn starts refusing one, it moves back to the invalid cases.
        var root = TomlParser.Parse(TomlTestCases.Toml(name), name);

        // Assert
        Assert.NotNull(root);
    }

    [Fact]
    public void The_suite_lists_every_toml_1_0_case()
    {
        // Guards against an empty or truncated copy making the theories pass vacuously.
        Assert.Equal(165, ValidCases.Count);
        Assert.Equal(387 - AcceptedAsToml11.Count, InvalidCases.Count);
    }
}
