namespace HpcMaint.Toml.Tests;

/// <summary>What the config layer reads from a parsed document: typed values, source order and positions.</summary>
public sealed class ValueModelTests
{
    private static TomlTable Parse(string toml) => TomlParser.Parse(toml, "test.toml");

    [Fact]
    public void Keys_come_back_in_source_order()
    {
        // Act
        var root = Parse("zeta = 1\nalpha = 2\nmid = 3\n");

        // Assert
        Assert.Equal(["zeta", "alpha", "mid"], root.Keys);
        Assert.Equal(["zeta", "alpha", "mid"], root.Select(entry => entry.Key));
    }

    [Fact]
    public void Source_order_survives_tables_large_enough_to_be_indexed()
    {
        // Arrange
        string[] keys = [.. Enumerable.Range(0, 40).Select(i => $"k{39 - i}")];
        string toml = string.Concat(keys.Select(k => $"{k} = 0\n"));

        // Act
        var root = Parse(toml);

        // Assert
        Assert.Equal(keys, root.Keys);
        Assert.True(root.TryGetValue("k7", out var value));
        Assert.Equal(33, value.Line);
        Assert.False(root.ContainsKey("k40"));
    }

    [Fact]
    public void A_value_is_positioned_at_the_key_that_names_it()
    {
        // Act
        var root = Parse("[slurm]\n  timeout = 30\n  node.prefix = \"gpu\"\n");

        // Assert
        var slurm = (TomlTable)root["slurm"];
        Assert.Equal((2, 3), (slurm["timeout"].Line, slurm["timeout"].Column));
        var node = (TomlTable)slurm["node"];
        Assert.Equal((3, 3), (node.Line, node.Column));
        Assert.Equal((3, 8), (node["prefix"].Line, node["prefix"].Column));
    }

    [Fact]
    public void A_table_knows_the_header_that_defined_it()
    {
        // Act: [a] is first implied by [a.b], then defined on line 3.
        var root = Parse("[a.b]\nx = 1\n[a]\ny = 2\n");

        // Assert
        var a = (TomlTable)root["a"];
        Assert.Equal((3, 1), (a.Line, a.Column));
        Assert.Equal((1, 1), (a["b"].Line, a["b"].Column));
        Assert.Equal((1, 1), (root.Line, root.Column));
    }

    [Fact]
    public void Array_elements_are_positioned_at_themselves()
    {
        // Act
        var root = Parse("nodes = [\n  \"gpu01\",\n  \"gpu02\",\n]\n");

        // Assert
        var nodes = (TomlArray)root["nodes"];
        Assert.False(nodes.IsArrayOfTables);
        Assert.Equal(["gpu01", "gpu02"], nodes.Cast<TomlString>().Select(s => s.Value));
        Assert.Equal((3, 3), (nodes[1].Line, nodes[1].Column));
    }

    [Fact]
    public void Each_array_of_tables_element_is_a_table_at_its_header()
    {
        // Act
        var root = Parse("[[check]]\nid = \"hw.physmem\"\n\n[[check]]\nid = \"fs.mount_rw\"\n");

        // Assert
        var checks = (TomlArray)root["check"];
        Assert.True(checks.IsArrayOfTables);
        Assert.Equal(2, checks.Count);
        var second = (TomlTable)checks[1];
        Assert.Equal(4, second.Line);
        Assert.Equal("fs.mount_rw", ((TomlString)second["id"]).Value);
    }

    [Fact]
    public void Integers_are_read_in_every_base_and_to_the_64_bit_limits()
    {
        // Act
        var root = Parse("hex = 0xDEAD_beef\noct = 0o755\nbin = 0b1010\nmin = -9223372036854775808\nmax = 9_223_372_036_854_775_807\n");

        // Assert
        Assert.Equal(0xDEADBEEF, ((TomlInteger)root["hex"]).Value);
        Assert.Equal(493, ((TomlInteger)root["oct"]).Value);
        Assert.Equal(10, ((TomlInteger)root["bin"]).Value);
        Assert.Equal(long.MinValue, ((TomlInteger)root["min"]).Value);
        Assert.Equal(long.MaxValue, ((TomlInteger)root["max"]).Value);
    }

    [Fact]
    public void Floats_include_infinities_nan_and_negative_zero()
    {
        // Act
        var root = Parse("a = -inf\nb = nan\nc = -0.0\nd = 6.626e-34\n");

        // Assert
        Assert.Equal(double.NegativeInfinity, ((TomlFloat)root["a"]).Value);
        Assert.True(double.IsNaN(((TomlFloat)root["b"]).Value));
        Assert.True(double.IsNegative(((TomlFloat)root["c"]).Value));
        Assert.Equal("-0", root["c"].ToString());
        Assert.Equal(6.626e-34, ((TomlFloat)root["d"]).Value);
    }

    [Fact]
    public void An_offset_date_time_exposes_its_instant_and_prints_back_normalised()
    {
        // Act
        var value = (TomlDateTime)Parse("at = 1979-05-27 00:32:00.999999z\n")["at"];

        // Assert
        Assert.Equal(TomlDateTimeKind.OffsetDateTime, value.DateTimeKind);
        Assert.Equal("1979-05-27T00:32:00.999999Z", value.Text);
        Assert.Equal(new DateTimeOffset(1979, 5, 27, 0, 32, 0, TimeSpan.Zero).AddTicks(9_999_990), value.Value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void An_offset_date_time_keeps_its_offset()
    {
        // Act
        var value = (TomlDateTime)Parse("at = 1979-05-27T00:32:00-07:00\n")["at"];

        // Assert
        Assert.Equal(new DateTimeOffset(1979, 5, 27, 0, 32, 0, TimeSpan.FromHours(-7)), value.Value);
        Assert.Equal(TimeSpan.FromHours(-7), value.Value!.Value.Offset);
    }

    [Fact]
    public void An_offset_beyond_what_dotnet_holds_is_refused_at_the_value()
    {
        // Tomlyn holds date-times in a DateTimeOffset (±14 h); RFC 3339 allows up to ±23:59.
        var error = Assert.Throws<TomlException>(() => Parse("at = 2000-01-01T20:00:00+20:00\n"));

        // Assert
        Assert.Equal((1, 6), (error.Line, error.Column));
    }

    [Fact]
    public void Local_dates_and_times_have_no_instant()
    {
        // Act
        var root = Parse("day = 2024-02-29\nat = 07:32:00.5\nwhen = 2024-02-29T07:32:00\n");

        // Assert
        var day = (TomlDateTime)root["day"];
        Assert.Equal((TomlDateTimeKind.LocalDate, new DateOnly(2024, 2, 29), (TimeOnly?)null, (DateTimeOffset?)null), (day.DateTimeKind, day.Date, day.Time, day.Value));
        var at = (TomlDateTime)root["at"];
        Assert.Equal((TomlDateTimeKind.LocalTime, (DateOnly?)null, new TimeOnly(7, 32, 0, 500)), (at.DateTimeKind, at.Date, at.Time));
        var when = (TomlDateTime)root["when"];
        Assert.Equal((TomlDateTimeKind.LocalDateTime, "2024-02-29T07:32:00", (TimeSpan?)null), (when.DateTimeKind, when.Text, when.Offset));
    }

    [Fact]
    public void A_leap_second_is_refused_at_the_value()
    {
        // Tomlyn holds date-times in a DateTimeOffset, which has no second 60 (toml-test 1.0 has no such case).
        var error = Assert.Throws<TomlException>(() => Parse("at = 2016-12-31T23:59:60Z\n"));

        // Assert
        Assert.Equal((1, 6), (error.Line, error.Column));
    }

    [Fact]
    public void Multi_line_strings_use_line_feeds_and_join_lines_after_a_backslash()
    {
        // Act
        var root = Parse("a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = \"\"\"x \\\r\n     y\"\"\"\r\nc = '''\nraw \\n'''\n");

        // Assert
        Assert.Equal("one\ntwo", ((TomlString)root["a"]).Value);
        Assert.Equal("x y", ((TomlString)root["b"]).Value);
        Assert.Equal("raw \\n", ((TomlString)root["c"]).Value);
    }

    [Fact]
    public void Escapes_produce_the_characters_they_name()
    {
        // Act
        var root = Parse("s = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F525\"\n");

        // Assert
        Assert.Equal("tab\there \"q\" \u00e9 \U0001F525", ((TomlString)root["s"]).Value);
    }

    [Fact]
    public void A_missing_key_throws_key_not_found_and_try_get_value_says_no()
    {
        // Arrange
        var root = Parse("a = true\n");

        // Act and assert
        Assert.Throws<KeyNotFoundException>(() => root["b"]);
        Assert.False(root.TryGetValue("b", out _));
        Assert.True(((TomlBoolean)root["a"]).Value);
    }

    [Fact]
    public void Inline_tables_and_dotted_keys_build_the_same_tables()
    {
        // Act
        var root = Parse("a = { b.c = 1, d = { e = 2 } }\n");

        // Assert
        var a = (TomlTable)root["a"];
        Assert.Equal(TomlValueKind.Table, a.Kind);
        Assert.Equal(1, ((TomlInteger)((TomlTable)a["b"])["c"]).Value);
        Assert.Equal(2, ((TomlInteger)((TomlTable)a["d"])["e"]).Value);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        // Act
        var fromBytes = TomlParser.Parse([0xEF, 0xBB, 0xBF, .. "a = 1\n"u8], "test.toml");
        var fromText = Parse("\uFEFFa = 1\n");

        // Assert
        Assert.Equal((1, 1), (fromBytes["a"].Line, fromBytes["a"].Column));
        Assert.Equal((1, 1), (fromText["a"].Line, fromText["a"].Column));
    }

    [Fact]
    public void A_replacement_character_in_strings_keys_and_comments_is_kept()
    {
        // Tomlyn 2.11.1 alone refuses U+FFFD as "Invalid UTF-16 surrogate sequence".
        var root = Parse("a = \"x\uFFFDy\" # \uFFFD\n\"k\uFFFD\" = '\uFFFD'\n");

        // Assert
        Assert.Equal("x\uFFFDy", root["a"].ToString());
        Assert.Equal("\uFFFD", root["k\uFFFD"].ToString());
    }

    [Fact]
    public void A_private_use_character_next_to_a_replacement_character_is_kept_too()
    {
        // Act
        var root = Parse("a = \"\uE000\uFFFD\uE001\"\n");

        // Assert
        Assert.Equal("\uE000\uFFFD\uE001", root["a"].ToString());
    }
}
