using System.Globalization;

namespace HpcMaint.Core.Trust;

/// <summary>
/// One directory entry as lstat(2) sees it: kind, owner, permission bits (with the sticky bit), hard
/// links, and for a symbolic link where it points.
/// </summary>
public sealed record PathEntry(string Path, EntryKind Kind, uint Owner, uint Mode, uint Links = 1, string? LinkTarget = null)
{
    public const uint Root = 0;

    private const uint GroupOrOtherWrite = 0x12; // 0022
    private const uint GroupOrOtherRead = 0x24; // 0044
    private const uint AnyExecute = 0x49; // 0111
    private const uint Sticky = 0x200; // 01000
    private const uint Permissions = 0xFFF; // 07777

    public static PathEntry Missing(string path) => new(path, EntryKind.Missing, 0, 0, 0);

    public bool Exists => Kind != EntryKind.Missing;

    public bool WritableByOthers => (Mode & GroupOrOtherWrite) != 0;

    public bool ReadableByOthers => (Mode & GroupOrOtherRead) != 0;

    public bool Executable => (Mode & AnyExecute) != 0;

    public bool IsSticky => (Mode & Sticky) != 0;

    /// <summary>The mode as ls and chmod write it, e.g. "0755", "1777".</summary>
    public string ModeText => Convert.ToString(Mode & Permissions, 8).PadLeft(4, '0');

    public string FormatOwner(IFileFacts facts) =>
        facts.OwnerName(Owner) is { Length: > 0 } name
            ? Owner == Root ? name : $"{name} (uid {Owner.ToString(CultureInfo.InvariantCulture)})"
            : "uid " + Owner.ToString(CultureInfo.InvariantCulture);
}
