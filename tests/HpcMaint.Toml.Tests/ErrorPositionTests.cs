using System.Text;

namespace HpcMaint.Toml.Tests;

/// <summary>Errors name the file, line and column of the offending text, so an operator can go straight to it.</summary>
public sealed class ErrorPositionTests
{
    private static TomlException ParseError(string toml) =>
        Assert.Throws<TomlException>(() => TomlParser.Parse(toml, "hpcmaint.toml"));

    [Fact]
    public void A_duplicate_key_is_reported_at_its_second_occurrence_with_the_first_line()
    {
        // Arrange
        const string toml = "[drain]\nmax_nodes = 4\n# again\nmax_nodes = 5\n";

        // Act
        var error = ParseError(toml);

        // Assert
        Assert.Equal("hpcmaint.toml:4:1: The key `drain.max_nodes` is already defined at (2,1) and cannot be redefined", error.Message);
        Assert.Equal("hpcmaint.toml", error.SourceName);
        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Equal("The key `drain.max_nodes` is already defined at (2,1) and cannot be redefined", error.Reason);
    }

    [Fact]
    public void An_unquoted_string_value_points_at_the_value()
    {
        // Act
        var error = ParseError("partition = gpu\n");

        // Assert
        Assert.Equal((1, 13), (error.Line, error.Column));
        Assert.Equal("Unexpected token `gpu` for a value", error.Reason);
    }

    [Fact]
    public void A_string_left_open_is_reported_where_the_line_ends()
    {
        // Act
        var error = ParseError("a = 1\nreason = \"disk full\nb = 2\n");

        // Assert
        Assert.Equal("hpcmaint.toml:2:20: Invalid newline in a string", error.Message.Split('\n')[0]);
    }

    [Fact]
    public void A_second_header_for_the_same_table_points_at_it()
    {
        // Act
        var error = ParseError("[health]\ninterval = 300\n\n[health]\n");

        // Assert
        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Equal("The key `health` is already defined at (1,1) and cannot be redefined", error.Reason);
    }

    [Fact]
    public void An_out_of_range_date_points_at_the_date()
    {
        // Act
        var error = ParseError("window = 2025-02-29T03:00:00Z\n");

        // Assert
        Assert.Equal((1, 10), (error.Line, error.Column));
        Assert.Equal("Unable to parse the date time/offset `2025-02-29T03:00:00Z`", error.Reason);
    }

    [Fact]
    public void An_integer_too_large_for_64_bits_is_refused()
    {
        // Act
        var error = ParseError("big = 9223372036854775808\n");

        // Assert
        Assert.Equal("hpcmaint.toml:1:7: Unable to parse integer `9223372036854775808`", error.Message);
    }

    [Fact]
    public void Columns_count_a_character_outside_the_basic_plane_once()
    {
        // Arrange: the emoji is two UTF-16 units but one character.
        const string toml = "note = \"\U0001F525\" x\n";

        // Act
        var error = ParseError(toml);

        // Assert
        Assert.Equal((1, 12), (error.Line, error.Column));
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_bad_byte()
    {
        // Arrange
        byte[] toml = [.. "a = 1\nbad = \""u8, 0xC3, .. "\"\n"u8];

        // Act
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(toml, "hpcmaint.toml"));

        // Assert
        Assert.Equal("hpcmaint.toml:2:8: invalid UTF-8 byte 0xC3: TOML files must be UTF-8", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_in_a_string_argument_is_refused()
    {
        // Act
        var error = ParseError("a = \"\uD800\"\n");

        // Assert
        Assert.Equal((1, 6), (error.Line, error.Column));
    }

    [Fact]
    public void Dotted_keys_reopening_a_header_table_are_reported_in_the_known_bad_toml_test_file()
    {
        // Arrange: line 17 is '  b.c.t = ...' under [a], after [a.b.c] was defined on line 13.
        const string name = "invalid/table/append-with-dotted-keys-01";
        byte[] toml = TomlTestCases.Toml(name);

        // Act
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(toml, name));

        // Assert
        Assert.Equal($"{name}:17:3: The key `a.b.c` is already defined at (13,1) and cannot be redefined", error.Message);
    }

    [Fact]
    public void Positions_after_a_multi_line_string_count_its_lines()
    {
        // Arrange
        const string toml = "text = \"\"\"\r\none\r\ntwo\"\"\"\r\nx = ?\r\n";

        // Act
        var error = ParseError(toml);

        // Assert
        Assert.Equal((4, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Deeply_nested_arrays_fail_cleanly_instead_of_overflowing_the_stack()
    {
        // Arrange
        string toml = "a = " + new string('[', 100_000);

        // Act
        var error = ParseError(toml);

        // Assert
        Assert.Equal("arrays and inline tables are nested more than 64 deep", error.Reason);
    }

    [Fact]
    public void A_bare_carriage_return_is_not_a_line_break()
    {
        // Act
        var error = ParseError("a = 1\rb = 2\n");

        // Assert
        Assert.Equal("hpcmaint.toml:1:6: Invalid \\r not followed by \\n", error.Message);
    }

    [Fact]
    public void Text_and_bytes_give_the_same_error()
    {
        // Arrange
        const string toml = "[a]\nb = [1, 2\n";

        // Act
        var fromText = ParseError(toml);
        var fromBytes = Assert.Throws<TomlException>(() => TomlParser.Parse(Encoding.UTF8.GetBytes(toml), "hpcmaint.toml"));

        // Assert
        Assert.Equal(fromText.Message, fromBytes.Message);
    }

    [Fact]
    public void Every_syntax_problem_is_listed_at_once_in_source_order()
    {
        // Act
        var error = ParseError("a = 1\nb = ?\nc = 3\nd = [1,\n[x]\n");

        // Assert
        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.True(error.Problems.Count >= 2, error.Message);
        Assert.Contains(error.Problems, p => p.Line == 5);
        Assert.Equal(error.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column), error.Problems);
        Assert.Equal(error.Problems.Count, error.Message.Split('\n').Length);
    }
}
