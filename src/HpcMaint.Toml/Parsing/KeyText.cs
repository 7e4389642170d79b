using System.Text;

namespace HpcMaint.Toml.Parsing;

/// <summary>Writes a dotted key back as TOML for error messages, quoting the parts that need it.</summary>
internal static class KeyText
{
    public static string Join(List<KeySegment> segments, int count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            Append(sb, segments[i].Name);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name)
    {
        bool bare = name.Length > 0;
        foreach (char c in name)
        {
            bare &= KeyReader.IsBareKeyChar(c);
        }

        if (bare)
        {
            sb.Append(name);
            return;
        }

        sb.Append('"');
        foreach (char c in name)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                < ' ' or '\x7F' => sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }
}
