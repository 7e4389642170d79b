namespace HpcMaint.Toml.Reading;

/// <summary>A 1-based line and column (counted in characters, a surrogate pair being one).</summary>
internal readonly record struct TextPosition(int Line, int Column);
