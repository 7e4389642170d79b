namespace HpcMaint.Toml.Reading;

/// <summary>One part of a dotted key (<c>a</c> in <c>a."b.c"</c>) and where it was written.</summary>
internal readonly record struct KeySegment(string Name, TextPosition Position);
