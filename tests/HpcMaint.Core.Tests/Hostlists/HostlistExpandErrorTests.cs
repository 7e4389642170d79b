using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Tests.Hostlists;

public class HostlistExpandErrorTests
{
    [Theory]
    [InlineData("a[3-1]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[1,,2]", 4, HostlistErrorKind.InvalidRange)]
    [InlineData("a[x]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[0x1]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[-1]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[1--2]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[1-2-3]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("a[1-2 ]", 2, HostlistErrorKind.InvalidRange)]
    [InlineData("n1,b[1-2,7,5-4]", 11, HostlistErrorKind.InvalidRange)]
    [InlineData("a[1-2]b", 6, HostlistErrorKind.TextAfterBracket)]
    [InlineData("x[1-2]y", 6, HostlistErrorKind.TextAfterBracket)]
    [InlineData("a[1-2]b[3-4,5]c", 14, HostlistErrorKind.TextAfterBracket)]
    [InlineData("a[1-65537]", 2, HostlistErrorKind.RangeTooLarge)]
    [InlineData("a[0-65535,0-0]b[1]", 1, HostlistErrorKind.BracketGroupTooLarge)]
    [InlineData("a[b]c[1]", 2, HostlistErrorKind.InvalidRange)]
    public void Expanding_a_malformed_expression_reports_where_and_what(string expression, int position, HostlistErrorKind kind)
    {
        bool expanded = Hostlist.TryExpand(expression, out var names, out var error);

        Assert.False(expanded);
        Assert.Empty(names);
        Assert.NotNull(error);
        Assert.Equal((position, kind), (error.Position, error.Kind));
        Assert.Equal(expression, error.Expression);
    }

    [Fact]
    public void Expanding_a_malformed_expression_throws_with_the_error_and_a_readable_message()
    {
        var exception = Assert.Throws<HostlistException>(() => Hostlist.Expand("gpu[3-1]"));

        Assert.Equal(HostlistErrorKind.InvalidRange, exception.Error.Kind);
        Assert.Equal(
            "invalid hostlist at offset 4 (\"gpu[3-1]\"): range '3-1' runs backwards (its start is above its end)",
            exception.Message);
    }

    [Fact]
    public void An_error_in_a_long_expression_quotes_only_the_part_around_it()
    {
        string expression = string.Join(',', Enumerable.Range(1, 40).Select(i => $"n{i}")) + ",m[9-1]";

        var error = Assert.Throws<HostlistException>(() => Hostlist.Expand(expression)).Error;

        Assert.StartsWith($"invalid hostlist at offset {expression.Length - 4} (\"…", error.Message, StringComparison.Ordinal);
        Assert.Contains(",n40,m[9-1]\"): range '9-1' runs backwards", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("n1,n2,", error.Message, StringComparison.Ordinal);
    }

    // scontrol prints an error for these but still prints some names; a partial node list is worse
    // than none, so they are errors here.
    [Theory]
    [InlineData("a[z]x[1-2]b[1]", HostlistErrorKind.InvalidRange)]
    [InlineData("a[1-2,0-65535]x[1]b[1]", HostlistErrorKind.BracketGroupTooLarge)]
    public void Expanding_an_invalid_group_that_slurm_skips_silently_is_an_error(string expression, HostlistErrorKind kind)
    {
        bool expanded = Hostlist.TryExpand(expression, out _, out var error);

        Assert.False(expanded);
        Assert.Equal(kind, error!.Kind);
    }

    [Theory]
    [InlineData("a[18446744073709551614-18446744073709551615]")]
    [InlineData("a[18446744073709551614],a18446744073709551615")]
    [InlineData("a[18446744073709551615]b[1]")]
    public void Expanding_a_range_that_slurm_cannot_finish_is_an_error(string expression)
    {
        bool expanded = Hostlist.TryExpand(expression, out _, out var error);

        Assert.False(expanded);
        Assert.Equal(HostlistErrorKind.NumberTooLarge, error!.Kind);
    }

    [Fact]
    public void Expanding_more_than_the_name_limit_is_an_error()
    {
        bool expanded = Hostlist.TryExpand("a[0-65535]b[0-65535]", out _, out var error);

        Assert.False(expanded);
        Assert.Equal(HostlistErrorKind.TooManyNames, error!.Kind);
    }
}
