namespace HpcMaint.Adapters.Files;

/// <summary>A state path the trust rules refuse; the message names the path, its owner and mode, and the fix.</summary>
public sealed class UntrustedPathException(string message) : IOException(message);
