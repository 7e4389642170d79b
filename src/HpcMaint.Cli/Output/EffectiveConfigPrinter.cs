using System.Globalization;
using System.Text;
using System.Text.Json;
using HpcMaint.Adapters.Json;
using HpcMaint.Core.Config;

namespace HpcMaint.Cli.Output;

/// <summary>
/// The configuration in force, every key the reader knows with defaults filled in, as TOML (re-readable)
/// or JSON. Both come from the one <see cref="EffectiveConfig"/> the reader recorded, so they cannot differ.
/// </summary>
public static class EffectiveConfigPrinter
{
    public static void WriteToml(TextWriter w, string source, EffectiveConfig effective)
    {
        w.WriteLine($"# effective configuration from {source}");
        foreach (var section in effective.Sections())
        {
            var (name, index) = SplitIndex(section.Key);
            w.WriteLine();
            if (section.FirstOrDefault(e => e.Key.Length == 0) is { Value: TextValue absent })
            {
                w.WriteLine($"# [{name}]: {absent.Text}");
                continue;
            }

            w.WriteLine(index is null ? $"[{name}]" : $"[[{name}]]");
            foreach (var entry in section)
            {
                w.WriteLine(entry.Value is NotSetValue ? $"# {entry.Key}: not set" : $"{entry.Key} = {Toml(entry.Value)}");
            }
        }
    }

    public static void WriteJson(TextWriter w, string source, EffectiveConfig effective)
    {
        var root = new JsonNode();
        foreach (var section in effective.Sections())
        {
            var node = root;
            foreach (var part in section.Key.Split('.'))
            {
                node = node.Child(part);
            }

            if (section.Any(e => e.Key.Length == 0))
            {
                node.Absent = true;
                continue;
            }

            foreach (var entry in section)
            {
                node.Values.Add((entry.Key, entry.Value));
            }
        }

        JsonText.WriteDocument(w, j =>
        {
            j.WriteStartObject();
            j.WriteString("source", source);
            root.WriteMembers(j);
            j.WriteEndObject();
        });
    }

    /// <summary>"health.check[2]" → ("health.check", 2).</summary>
    private static (string Name, int? Index) SplitIndex(string section) =>
        section.EndsWith(']') && section.LastIndexOf('[') is var open and > 0
            ? (section[..open], int.Parse(section[(open + 1)..^1], CultureInfo.InvariantCulture))
            : (section, null);

    private static string Toml(EffectiveValue value) => value switch
    {
        TextValue t => Quote(t.Text),
        IntegerValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        NumberValue n => n.Value.ToString("R", CultureInfo.InvariantCulture) is var s && (s.Contains('.') || s.Contains('E')) ? s : s + ".0",
        BooleanValue b => b.Value ? "true" : "false",
        ListValue l => $"[{string.Join(", ", l.Items.Select(Quote))}]",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "no TOML form"),
    };

    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in value)
        {
            sb.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A table of the JSON form: its own keys, nested tables, and arrays of tables ("check[1]", "check[2]").</summary>
    private sealed class JsonNode
    {
        private readonly List<(string Name, int? Index, JsonNode Node)> children = [];

        public List<(string Key, EffectiveValue Value)> Values { get; } = [];

        public bool Absent { get; set; }

        public JsonNode Child(string part)
        {
            var (name, index) = SplitIndex(part);
            var found = children.FirstOrDefault(c => c.Name == name && c.Index == index).Node;
            if (found is null)
            {
                found = new JsonNode();
                children.Add((name, index, found));
            }

            return found;
        }

        public void WriteMembers(Utf8JsonWriter j)
        {
            foreach (var (key, value) in Values)
            {
                j.WritePropertyName(key);
                WriteValue(j, value);
            }

            foreach (var group in children.GroupBy(c => c.Name))
            {
                j.WritePropertyName(group.Key);
                if (group.First().Index is null)
                {
                    group.First().Node.Write(j);
                    continue;
                }

                j.WriteStartArray();
                foreach (var (_, _, node) in group)
                {
                    node.Write(j);
                }

                j.WriteEndArray();
            }
        }

        private void Write(Utf8JsonWriter j)
        {
            if (Absent)
            {
                j.WriteNullValue();
                return;
            }

            j.WriteStartObject();
            WriteMembers(j);
            j.WriteEndObject();
        }

        private static void WriteValue(Utf8JsonWriter j, EffectiveValue value)
        {
            switch (value)
            {
                case TextValue t: j.WriteStringValue(t.Text); break;
                case IntegerValue i: j.WriteNumberValue(i.Value); break;
                case NumberValue n: j.WriteNumberValue(n.Value); break;
                case BooleanValue b: j.WriteBooleanValue(b.Value); break;
                case ListValue l:
                    j.WriteStartArray();
                    foreach (var item in l.Items)
                    {
                        j.WriteStringValue(item);
                    }

                    j.WriteEndArray();
                    break;
                default: j.WriteNullValue(); break;
            }
        }
    }
}
