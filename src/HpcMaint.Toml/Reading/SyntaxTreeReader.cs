using Tomlyn.Syntax;

namespace HpcMaint.Toml.Reading;

/// <summary>
/// Builds the value model from a syntax tree Tomlyn has validated: places key/value pairs, headers and
/// arrays of tables, creating the tables that dotted keys and longer headers imply. The define-once rules
/// are Tomlyn's; a tree that still breaks them is refused here rather than silently merged.
/// </summary>
internal sealed class SyntaxTreeReader(string sourceName, HiddenReplacementCharacter hidden)
{
    private readonly List<KeySegment> _key = new(4);

    public TomlTable Read(DocumentSyntax document)
    {
        var root = new TomlTable(1, 1);
        AddKeyValues(root, document.KeyValues);
        foreach (var table in document.Tables)
        {
            AddKeyValues(Header(root, table), table.Items);
        }

        return root;
    }

    /// <summary><c>[a.b]</c> or <c>[[a.b]]</c>: the table its key/value pairs go into.</summary>
    private TomlTable Header(TomlTable root, TableSyntaxBase header)
    {
        ReadKey(header.Name);
        var at = Position(header);
        var parent = root;
        for (int i = 0; i < _key.Count - 1; i++)
        {
            parent = parent.TryGetValue(_key[i].Name, out var existing)
                ? existing switch
                {
                    TomlTable table => table,
                    TomlArray { IsArrayOfTables: true, Count: > 0 } tables => (TomlTable)tables[^1],
                    _ => throw Conflict(i, existing),
                }
                : Add(parent, _key[i], new TomlTable(_key[i].Position.Line, _key[i].Position.Column));
        }

        var last = _key[^1];
        if (header is TableArraySyntax)
        {
            var array = !parent.TryGetValue(last.Name, out var existing)
                ? Add(parent, last, new TomlArray(isArrayOfTables: true, at.Line, at.Column))
                : existing as TomlArray is { IsArrayOfTables: true } tables ? tables : throw Conflict(_key.Count - 1, existing);
            var element = new TomlTable(at.Line, at.Column);
            array.Add(element);
            return element;
        }

        if (!parent.TryGetValue(last.Name, out var defined))
        {
            return Add(parent, last, new TomlTable(at.Line, at.Column));
        }

        // Only a table a longer header implied can get its own header; Tomlyn has refused the rest.
        var implied = defined as TomlTable ?? throw Conflict(_key.Count - 1, defined);
        implied.DefineAt(at.Line, at.Column);
        return implied;
    }

    private void AddKeyValues(TomlTable table, SyntaxList<KeyValueSyntax> keyValues)
    {
        foreach (var keyValue in keyValues)
        {
            AddKeyValue(table, keyValue);
        }
    }

    private void AddKeyValue(TomlTable table, KeyValueSyntax keyValue)
    {
        ReadKey(keyValue.Key);
        var segments = _key.ToArray();
        var parent = table;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            parent = !parent.TryGetValue(segments[i].Name, out var existing)
                ? Add(parent, segments[i], new TomlTable(segments[i].Position.Line, segments[i].Position.Column))
                : existing as TomlTable ?? throw Conflict(segments, i, existing);
        }

        var last = segments[^1];
        if (parent.TryGetValue(last.Name, out var duplicate))
        {
            throw Conflict(segments, segments.Length - 1, duplicate);
        }

        parent.Add(last.Name, Value(keyValue.Value!, last.Position));
    }

    private TomlValue Value(ValueSyntax value, TextPosition at) => value switch
    {
        StringValueSyntax s => new TomlString(hidden.Restore(s.Value!), at.Line, at.Column),
        IntegerValueSyntax i => new TomlInteger(i.Value, at.Line, at.Column),
        FloatValueSyntax f => new TomlFloat(f.Value, at.Line, at.Column),
        BooleanValueSyntax b => new TomlBoolean(b.Value, at.Line, at.Column),
        DateTimeValueSyntax d => TomlDateTime.From(d.Value, d.Token!.Text!, at.Line, at.Column),
        ArraySyntax array => Array(array, at),
        InlineTableSyntax inline => InlineTable(inline, at),
        _ => throw new TomlException(sourceName, at.Line, at.Column, $"unsupported value ({value.Kind})"),
    };

    private TomlArray Array(ArraySyntax syntax, TextPosition at)
    {
        var array = new TomlArray(isArrayOfTables: false, at.Line, at.Column);
        foreach (var item in syntax.Items)
        {
            array.Add(Value(item.Value!, Position(item.Value!)));
        }

        return array;
    }

    private TomlTable InlineTable(InlineTableSyntax syntax, TextPosition at)
    {
        var table = new TomlTable(at.Line, at.Column);
        foreach (var item in syntax.Items)
        {
            AddKeyValue(table, item.KeyValue!);
        }

        return table;
    }

    private void ReadKey(KeySyntax? key)
    {
        _key.Clear();
        _key.Add(Segment(key!.Key!));
        foreach (var dotted in key.DotKeys)
        {
            _key.Add(Segment(dotted.Key!));
        }
    }

    private KeySegment Segment(BareKeyOrStringValueSyntax key) => new(
        hidden.Restore(key switch
        {
            BareKeySyntax bare => bare.Key!.Text!,
            StringValueSyntax quoted => quoted.Value!,
            _ => throw new TomlException(sourceName, Position(key).Line, Position(key).Column, $"unsupported key ({key.Kind})"),
        }),
        Position(key));

    private static TextPosition Position(SyntaxNode node) => new(node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private static T Add<T>(TomlTable table, KeySegment segment, T value)
        where T : TomlValue
    {
        table.Add(segment.Name, value);
        return value;
    }

    private TomlException Conflict(int segment, TomlValue existing) => Conflict(_key.ToArray(), segment, existing);

    private TomlException Conflict(KeySegment[] key, int segment, TomlValue existing) => new(
        sourceName,
        key[segment].Position.Line,
        key[segment].Position.Column,
        $"'{string.Join('.', key.Take(segment + 1).Select(k => k.Name))}' is already {ValueKindName.WithArticle(existing.Kind)} (line {existing.Line})");
}
