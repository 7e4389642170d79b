using System.Text;
using System.Text.Json;

namespace HpcMaint.Toml.Tests;

/// <summary>The tagged JSON that <c>hpcmaint config decode</c> prints, in toml-test's format.</summary>
public sealed class TomlTaggedJsonTests
{
    [Fact]
    public void Every_leaf_is_tagged_with_its_toml_test_type()
    {
        // Arrange
        var root = TomlParser.Parse(
            "s = 'x'\ni = 1\nf = 1.5\nb = true\nodt = 1979-05-27T07:32:00Z\nldt = 1979-05-27T07:32:00\nld = 1979-05-27\nlt = 07:32:00\n",
            "test.toml");

        // Act
        var types = JsonDocument.Parse(TomlTaggedJson.ToJsonString(root)).RootElement
            .EnumerateObject()
            .Select(p => $"{p.Name}:{p.Value.GetProperty("type").GetString()}");

        // Assert
        Assert.Equal(
            ["s:string", "i:integer", "f:float", "b:bool", "odt:datetime", "ldt:datetime-local", "ld:date-local", "lt:time-local"],
            types);
    }

    [Fact]
    public void Tables_are_objects_and_arrays_are_arrays_written_to_the_callers_writer()
    {
        // Arrange
        var root = TomlParser.Parse("[t]\na = [1, \"two\"]\n", "test.toml");
        using var buffer = new MemoryStream();

        // Act
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TomlTaggedJson.Write(root, writer);
        }

        // Assert
        Assert.Equal(
            """{"t":{"a":[{"type":"integer","value":"1"},{"type":"string","value":"two"}]}}""",
            Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Date_times_are_written_as_normalised_text()
    {
        // Arrange
        var root = TomlParser.Parse("a = 1987-07-05 17:45:00.60z\n", "test.toml");

        // Act
        string json = TomlTaggedJson.ToJsonString(root);

        // Assert
        Assert.Contains("\"1987-07-05T17:45:00.60Z\"", json, StringComparison.Ordinal);
    }
}
