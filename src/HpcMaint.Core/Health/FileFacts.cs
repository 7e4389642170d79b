namespace HpcMaint.Core.Health;

/// <summary>What is at a path: its kind, permission bits (e.g. 0o755) and size in bytes.</summary>
public sealed record FileFacts(FileKind Kind, int Mode, long Size)
{
    public bool IsExecutable => (Mode & 0b001_001_001) != 0;
}

/// <summary>The kind of filesystem object at a path (symbolic links are followed; devices and sockets count as files).</summary>
public enum FileKind
{
    File,
    Directory,
}
