namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Nova's <c>fault</c> of a server in ERROR: what went wrong, as Nova says it.</summary>
public sealed record NovaFault(int Code, string Message, string? Details);
