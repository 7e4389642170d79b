namespace HpcMaint.Toml.Tests;

/// <summary>The compliance theory is only as strict as its comparer: it must see real differences and only those.</summary>
public sealed class TaggedJsonComparerTests
{
    private static string Leaf(string type, string value) => $$$"""{"k": {"type": "{{{type}}}", "value": "{{{value}}}"}}""";

    [Theory]
    [InlineData("float", "-0", "0")]
    [InlineData("float", "nan", "-nan")]
    [InlineData("float", "inf", "+inf")]
    [InlineData("float", "3.0e14", "300000000000000")]
    [InlineData("bool", "true", "TRUE")]
    [InlineData("datetime", "1987-07-05T17:45:56.600Z", "1987-07-05 17:45:56.6z")]
    [InlineData("datetime", "1987-07-05T17:45:56Z", "1987-07-05T10:45:56-07:00")]
    [InlineData("time-local", "10:32:00.500", "10:32:00.5")]
    public void Equivalent_spellings_compare_equal(string type, string want, string have)
    {
        Assert.Null(TaggedJsonComparer.Difference(Leaf(type, want), Leaf(type, have)));
    }

    [Theory]
    [InlineData("float", "1.5", "1.25")]
    [InlineData("float", "nan", "inf")]
    [InlineData("string", "a", "A")]
    [InlineData("integer", "1", "01")]
    [InlineData("datetime", "1987-07-05T17:45:56Z", "1987-07-05T17:45:56+01:00")]
    [InlineData("datetime-local", "1987-07-05T17:45:56", "1987-07-05T17:45:57")]
    [InlineData("date-local", "1987-07-05", "1987-07-06")]
    [InlineData("time-local", "10:32:00.5", "10:32:00.05")]
    public void Different_values_are_reported(string type, string want, string have)
    {
        Assert.NotNull(TaggedJsonComparer.Difference(Leaf(type, want), Leaf(type, have)));
    }

    [Theory]
    [InlineData("""{"a": {"type": "integer", "value": "1"}}""", """{"a": {"type": "float", "value": "1"}}""")]
    [InlineData("""{"a": {"type": "integer", "value": "1"}}""", """{"b": {"type": "integer", "value": "1"}}""")]
    [InlineData("""{"a": {}}""", """{"a": {}, "b": {}}""")]
    [InlineData("""{"a": [{}]}""", """{"a": []}""")]
    [InlineData("""{"a": {}}""", """{"a": []}""")]
    [InlineData("""{"a": {"type": "string", "value": "x"}}""", """{"a": {"x": {}}}""")]
    public void Structural_differences_are_reported(string want, string have)
    {
        Assert.NotNull(TaggedJsonComparer.Difference(want, have));
    }
}
