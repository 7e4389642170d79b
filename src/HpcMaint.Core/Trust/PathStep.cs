namespace HpcMaint.Core.Trust;

/// <summary>One entry met while resolving a path, and the directory it was found in (null for "/").</summary>
public sealed record PathStep(PathEntry Entry, PathEntry? Container);
