namespace HpcMaint.Toml;

/// <summary>One thing wrong with a TOML document: 1-based line and column (characters, a surrogate pair being one).</summary>
public sealed record TomlProblem(int Line, int Column, string Reason);
