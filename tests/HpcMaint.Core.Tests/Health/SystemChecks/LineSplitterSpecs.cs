using HpcMaint.Core.Health.Checks;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class LineSplitterSpecs
{
    private static string[] Lines(string text)
    {
        var lines = new List<string>();
        foreach (var line in new LineSplitter(text))
        {
            lines.Add(line.ToString());
        }

        return [.. lines];
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("MemTotal: 1 kB\n", new[] { "MemTotal: 1 kB" })]
    [InlineData("a\r\n\nb", new[] { "a", "", "b" })]
    [InlineData("processor\t: 0\n\nprocessor\t: 1\n", new[] { "processor\t: 0", "", "processor\t: 1" })]
    public void Text_splits_on_newlines_keeping_blank_lines_between_blocks(string text, string[] expected)
    {
        Assert.Equal(expected, Lines(text));
    }
}
