namespace HpcMaint.Core.Health;

/// <summary>A filesystem's size and what an unprivileged user can still use (statvfs f_bavail / f_favail).</summary>
public sealed record FileSystemSpace(long TotalBytes, long AvailableBytes, long TotalInodes, long AvailableInodes, bool ReadOnly)
{
    public double AvailablePercent => TotalBytes == 0 ? 100 : 100.0 * AvailableBytes / TotalBytes;

    public double AvailableInodesPercent => TotalInodes == 0 ? 100 : 100.0 * AvailableInodes / TotalInodes;
}
