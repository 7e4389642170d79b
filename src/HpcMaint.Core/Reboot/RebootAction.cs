namespace HpcMaint.Core.Reboot;

/// <summary>One node's reboot, decided: the argv that reboots it, and why this way.</summary>
public sealed record RebootAction(string Node, IReadOnlyList<string> Command, string Method);
