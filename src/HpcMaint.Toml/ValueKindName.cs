namespace HpcMaint.Toml;

/// <summary>The TOML spec's word for each value kind, with its article, for messages ("an integer").</summary>
public static class ValueKindName
{
    public static string WithArticle(TomlValueKind kind) => kind switch
    {
        TomlValueKind.String => "a string",
        TomlValueKind.Integer => "an integer",
        TomlValueKind.Float => "a float",
        TomlValueKind.Boolean => "a boolean",
        TomlValueKind.DateTime => "a date-time",
        TomlValueKind.Array => "an array",
        TomlValueKind.Table => "a table",
        _ => kind.ToString(),
    };
}
