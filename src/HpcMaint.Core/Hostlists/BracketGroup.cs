namespace HpcMaint.Core.Hostlists;

/// <summary>
/// A bracket group in front of the last one, such as <c>[1-2]</c> in <c>rack[1-2]-node[01-08]</c>,
/// with the literal text that follows it up to the next group.
/// </summary>
internal sealed record BracketGroup(IReadOnlyList<NumberRange> Values, string TextAfter);
