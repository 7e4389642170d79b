using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Tests.Hostlists;

public class HostlistExpandTests
{
    [Theory]
    [InlineData("login1", new[] { "login1" })]
    [InlineData("login", new[] { "login" })]
    [InlineData("n1,n2 n3\tn4", new[] { "n1", "n2", "n3", "n4" })]
    [InlineData(",,n1,,n2,", new[] { "n1", "n2" })]
    [InlineData("a[1-3,5]", new[] { "a1", "a2", "a3", "a5" })]
    [InlineData("n[3,1-2]", new[] { "n3", "n1", "n2" })]
    [InlineData("gpu[1-2],login,cn[7]", new[] { "gpu1", "gpu2", "login", "cn7" })]
    [InlineData("[1-3]", new[] { "1", "2", "3" })]
    public void Expanding_lists_and_ranges_keeps_the_written_order(string expression, string[] expected)
    {
        var names = Hostlist.Expand(expression);

        Assert.Equal(expected, names);
    }

    [Fact]
    public void Expanding_a_zero_padded_range_keeps_the_padding()
    {
        var names = Hostlist.Expand("gpu[008-011]");

        Assert.Equal(["gpu008", "gpu009", "gpu010", "gpu011"], names);
    }

    [Theory]
    [InlineData("a[01-3]", new[] { "a01", "a02", "a03" })]
    [InlineData("a[1-03]", new[] { "a1", "a2", "a3" })]
    [InlineData("a[9-10]", new[] { "a9", "a10" })]
    [InlineData("a[ 1-2]", new[] { "a01", "a02" })]
    [InlineData("a[+1-2]", new[] { "a01", "a02" })]
    public void Expanding_takes_the_padding_from_the_text_before_the_dash(string expression, string[] expected)
    {
        var names = Hostlist.Expand(expression);

        Assert.Equal(expected, names);
    }

    [Fact]
    public void Expanding_two_bracket_groups_varies_the_last_group_fastest()
    {
        var names = Hostlist.Expand("r[1-2]n[01-03]");

        Assert.Equal(["r1n01", "r1n02", "r1n03", "r2n01", "r2n02", "r2n03"], names);
    }

    [Fact]
    public void Expanding_three_bracket_groups_follows_slurms_order_where_the_middle_group_is_slowest()
    {
        var names = Hostlist.Expand("x[1-2]y[3-4]z[5-6]");

        Assert.Equal(
            ["x1y3z5", "x1y3z6", "x2y3z5", "x2y3z6", "x1y4z5", "x1y4z6", "x2y4z5", "x2y4z6"],
            names);
    }

    [Fact]
    public void Expanding_keeps_duplicates()
    {
        var names = Hostlist.Expand("n[1-2],n[2-3],n1");

        Assert.Equal(["n1", "n2", "n2", "n3", "n1"], names);
    }

    [Theory]
    [InlineData("a[1-3", new[] { "a]" })]
    [InlineData("[1-3", new[] { "1-3" })]
    [InlineData("a[1,2", new[] { "a]", "2" })]
    [InlineData("a]", new[] { "a]" })]
    [InlineData("[", new[] { "" })]
    public void Expanding_an_unclosed_bracket_does_what_slurm_does(string expression, string[] expected)
    {
        var names = Hostlist.Expand(expression);

        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ,\t,")]
    public void Expanding_an_empty_expression_gives_no_names(string expression)
    {
        var names = Hostlist.Expand(expression);

        Assert.Empty(names);
    }

    [Theory]
    [InlineData("n99999999999999999999", "n18446744073709551615")]
    [InlineData("a[99999999999999999999]", "a18446744073709551615")]
    public void Expanding_a_number_too_long_for_64_bits_clamps_it_like_slurm(string expression, string expected)
    {
        var names = Hostlist.Expand(expression);

        Assert.Equal([expected], names);
    }

    [Fact]
    public void Expanding_the_largest_number_right_before_zero_joins_them_and_shortens_the_first_like_slurm()
    {
        var names = Hostlist.Expand("n18446744073709551615,n0");

        Assert.Equal(["n1844674407370955", "n0"], names);
    }

    [Fact]
    public void Expanding_joins_prefixes_that_differ_only_in_white_space_as_slurm_does()
    {
        var names = Hostlist.Expand("a\nb1,ab2");

        Assert.Equal(["a\nb1", "a\nb2"], names);
    }

    [Fact]
    public void Expanding_a_range_of_65536_names_is_allowed()
    {
        var names = Hostlist.Expand("n[1-65536]");

        Assert.Equal(65536, names.Count);
        Assert.Equal("n65536", names[^1]);
    }
}
