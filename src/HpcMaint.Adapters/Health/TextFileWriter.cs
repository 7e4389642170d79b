namespace HpcMaint.Adapters.Health;

/// <summary>Replaces a file's content atomically: readers see the old file or the new one, never half.</summary>
public static class TextFileWriter
{
    public static string? TryReplace(string path, string text)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.new";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
