namespace HpcMaint.Core.Reboot;

/// <summary>
/// The target image a rebuild job carries in its Comment: <c>hpcmaint image=IMG</c> (other words may
/// follow or precede it after the "hpcmaint" marker).
/// </summary>
public static class RebuildJobComment
{
    public const string JobNamePrefix = "hpcmaint-rebuild-";

    private const string ImageKey = "image=";

    public static string? ImageOf(string? comment)
    {
        if (comment is null || !comment.StartsWith("hpcmaint", StringComparison.Ordinal))
        {
            return null;
        }

        var image = comment.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(w => w.StartsWith(ImageKey, StringComparison.Ordinal))?[ImageKey.Length..];
        return string.IsNullOrEmpty(image) ? null : image;
    }
}
