namespace HpcMaint.Cli.Rebuild;

/// <summary>The global options as one value.</summary>
public sealed record CommonInput(string? ConfigPath, bool Json, bool Verbose);
