namespace HpcMaint.Core.Trust;

/// <summary>A path the config names, where (key and line, 0 for a default), and what hpcmaint does with it.</summary>
public sealed record TrustedPath(string Key, int Line, string Path, PathUse Use);
