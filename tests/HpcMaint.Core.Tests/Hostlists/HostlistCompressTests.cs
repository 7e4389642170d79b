using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Tests.Hostlists;

public class HostlistCompressTests
{
    [Theory]
    [InlineData("n3,n1,n2,gpu008,gpu009,gpu011", "n[3,1-2],gpu[008-009,011]")]
    [InlineData("n1,n2,n3,n5,n4", "n[1-3,5,4]")]
    [InlineData("n1,gpu1,n2", "n1,gpu1,n2")]
    [InlineData("a1,a2,b,a3", "a[1-2],b,a3")]
    [InlineData("r1n1,r1n2,r2n1", "r1n[1-2],r2n1")]
    [InlineData("n1-1,n1-2", "n1-[1-2]")]
    [InlineData("1,2,3", "[1-3]")]
    [InlineData("login", "login")]
    [InlineData("a,b,a", "a,b,a")]
    [InlineData("a,a1,a2", "a,a[1-2]")]
    [InlineData("n1,n2,N3", "n[1-2],N3")]
    public void Compressing_keeps_the_input_order_and_joins_only_neighbours(string names, string expected)
    {
        string expression = Hostlist.Compress(names.Split(','));

        Assert.Equal(expected, expression);
    }

    [Theory]
    [InlineData("n1,n1", "n[1,1]")]
    [InlineData("n1,n2,n1,n2", "n[1-2,1-2]")]
    [InlineData("a,a", "a,a")]
    public void Compressing_keeps_duplicates(string names, string expected)
    {
        string expression = Hostlist.Compress(names.Split(','));

        Assert.Equal(expected, expression);
    }

    [Theory]
    [InlineData("n1,n01", "n[1,01]")]
    [InlineData("n01,n1", "n[01,1]")]
    [InlineData("n9,n10", "n[9-10]")]
    [InlineData("n09,n10", "n[09-10]")]
    [InlineData("n99,n100", "n[99-100]")]
    [InlineData("n0099,n100", "n[0099,100]")]
    [InlineData("n8,n9,n010", "n[8-9,010]")]
    [InlineData("n001,n2,n3", "n[001,2-3]")]
    [InlineData("0,00", "[0,00]")]
    [InlineData("007,008", "[007-008]")]
    public void Compressing_joins_mixed_padding_only_where_no_name_changes(string names, string expected)
    {
        string expression = Hostlist.Compress(names.Split(','));

        Assert.Equal(expected, expression);
    }

    [Theory]
    [InlineData("r01n1,r1n2", "r01n1,r1n2")]
    [InlineData("a1b2,a1b3", "a1b[2-3]")]
    public void Compressing_uses_only_the_last_number_of_a_name(string names, string expected)
    {
        string expression = Hostlist.Compress(names.Split(','));

        Assert.Equal(expected, expression);
    }

    [Theory]
    [InlineData("n99999999999999999999", "n18446744073709551615")]
    [InlineData("n18446744073709551615,n0", "n[18446744073709551615]")]
    [InlineData("n18446744073709551614,n18446744073709551615", "n[18446744073709551614-18446744073709551615]")]
    public void Compressing_very_long_numbers_clamps_them_like_slurm(string names, string expected)
    {
        string expression = Hostlist.Compress(names.Split(','));

        Assert.Equal(expected, expression);
    }

    [Fact]
    public void Compressing_no_names_gives_an_empty_expression()
    {
        string expression = Hostlist.Compress([]);

        Assert.Equal("", expression);
    }

    [Theory]
    [InlineData(new[] { "a[b1", "a[b2" }, "a[b[1-2]")]
    [InlineData(new[] { "x", "", "y" }, "x,,y")]
    [InlineData(new[] { "a\nb1", "ab2" }, "a\nb[1-2]")]
    public void Compressing_odd_names_that_expanding_can_produce_prints_what_slurm_prints(string[] names, string expected)
    {
        string expression = Hostlist.Compress(names);

        Assert.Equal(expected, expression);
    }
}
