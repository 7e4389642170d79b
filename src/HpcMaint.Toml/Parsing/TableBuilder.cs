namespace HpcMaint.Toml.Parsing;

/// <summary>
/// Places values and tables into the tree, enforcing TOML 1.0's define-once rules: a key is assigned once,
/// a table is defined by one route only (header, dotted keys or inline), inline tables and static arrays
/// are closed, and <c>[[name]]</c> appends only to arrays that <c>[[name]]</c> created.
/// </summary>
internal static class TableBuilder
{
    /// <summary><c>a.b.c = value</c> relative to <paramref name="table"/> (the current section or an inline table).</summary>
    public static void Assign(TomlReader r, TomlTable table, List<KeySegment> key, TomlValue value)
    {
        for (int i = 0; i < key.Count - 1; i++)
        {
            var segment = key[i];
            if (!table.TryGetValue(segment.Name, out var existing))
            {
                var created = new TomlTable(TableOrigin.Dotted, segment.Position.Line, segment.Position.Column);
                table.Add(segment.Name, created);
                table = created;
                continue;
            }

            if (existing is TomlTable { Origin: TableOrigin.Implicit or TableOrigin.Dotted } open)
            {
                // Once dotted keys add to a table, a [header] can no longer define it.
                open.Origin = TableOrigin.Dotted;
                table = open;
                continue;
            }

            throw r.Error(segment.Position, $"cannot add keys to '{KeyText.Join(key, i + 1)}' with a dotted key: {Describe(existing)}");
        }

        var last = key[^1];
        if (table.TryGetValue(last.Name, out var duplicate))
        {
            throw r.Error(last.Position, $"duplicate key '{KeyText.Join(key, key.Count)}': {Describe(duplicate)}");
        }

        table.Add(last.Name, value);
    }

    /// <summary><c>[a.b.c]</c>: returns the table that the following key/value pairs go into.</summary>
    public static TomlTable DefineTable(TomlReader r, TomlTable root, List<KeySegment> key, TextPosition header)
    {
        var parent = WalkHeaderParents(r, root, key);
        var last = key[^1];
        if (!parent.TryGetValue(last.Name, out var existing))
        {
            var table = new TomlTable(TableOrigin.Header, header.Line, header.Column);
            parent.Add(last.Name, table);
            return table;
        }

        if (existing is TomlTable { Origin: TableOrigin.Implicit } implicitTable)
        {
            implicitTable.Origin = TableOrigin.Header;
            implicitTable.DefineAt(header.Line, header.Column);
            return implicitTable;
        }

        throw r.Error(last.Position, $"cannot define table [{KeyText.Join(key, key.Count)}]: {Describe(existing)}");
    }

    /// <summary><c>[[a.b.c]]</c>: appends a new table to the array of tables and returns it.</summary>
    public static TomlTable AppendToArrayOfTables(TomlReader r, TomlTable root, List<KeySegment> key, TextPosition header)
    {
        var parent = WalkHeaderParents(r, root, key);
        var last = key[^1];
        TomlArray array;
        if (!parent.TryGetValue(last.Name, out var existing))
        {
            array = new TomlArray(isArrayOfTables: true, header.Line, header.Column);
            parent.Add(last.Name, array);
        }
        else if (existing is TomlArray { IsArrayOfTables: true } tables)
        {
            array = tables;
        }
        else
        {
            throw r.Error(last.Position, $"cannot append to [[{KeyText.Join(key, key.Count)}]]: {Describe(existing)}");
        }

        var element = new TomlTable(TableOrigin.Header, header.Line, header.Column);
        array.Add(element);
        return element;
    }

    /// <summary>Walks the parents named by a header, creating missing ones; arrays of tables lead to their last element.</summary>
    private static TomlTable WalkHeaderParents(TomlReader r, TomlTable root, List<KeySegment> key)
    {
        var table = root;
        for (int i = 0; i < key.Count - 1; i++)
        {
            var segment = key[i];
            if (!table.TryGetValue(segment.Name, out var existing))
            {
                var created = new TomlTable(TableOrigin.Implicit, segment.Position.Line, segment.Position.Column);
                table.Add(segment.Name, created);
                table = created;
            }
            else if (existing is TomlTable { Origin: not TableOrigin.Inline } child)
            {
                table = child;
            }
            else if (existing is TomlArray { IsArrayOfTables: true } tables)
            {
                table = (TomlTable)tables[^1];
            }
            else
            {
                throw r.Error(segment.Position, $"cannot use '{KeyText.Join(key, i + 1)}' as a table: {Describe(existing)}");
            }
        }

        return table;
    }

    /// <summary>Says what is already at a key, and where, for redefinition errors.</summary>
    private static string Describe(TomlValue existing)
    {
        string what = existing switch
        {
            TomlTable { Origin: TableOrigin.Inline } => "it is an inline table, which is closed once written",
            TomlTable { Origin: TableOrigin.Header } => "it is a table already defined by a header",
            TomlTable { Origin: TableOrigin.Dotted } => "it is a table already defined by dotted keys",
            TomlTable => "it is already a table",
            TomlArray { IsArrayOfTables: true } => "it is an array of tables",
            TomlArray => "it is a static array, which is closed once written",
            _ => $"it is already {ValueKindName.WithArticle(existing.Kind)}",
        };
        return $"{what} (line {existing.Line})";
    }
}
