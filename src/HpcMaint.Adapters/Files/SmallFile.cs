using System.Buffers;
using System.Text;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// Reads a small file (/proc, /sys, a config) into a string with one read buffer on the stack. A health run
/// reads several hundred /proc files; File.ReadAllText allocates a FileStream and reader buffers for each,
/// which, measured, cost hpcmaint-health 3-4 MiB of fresh heap and the page faults to clear it.
/// </summary>
public static class SmallFile
{
    private const int StackBuffer = 4096;

    /// <summary>The file's text (UTF-8, a byte order mark dropped, as File.ReadAllText reads it).</summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string ReadAllText(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> stack = stackalloc byte[StackBuffer];
        byte[]? rented = null;
        var buffer = stack;
        var length = 0;
        try
        {
            while (true)
            {
                // /proc and /sys files report size 0: read until end of file, whatever fstat says.
                var read = RandomAccess.Read(handle, buffer[length..], length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer[..length].CopyTo(larger);
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }

                    rented = larger;
                    buffer = larger;
                }
            }

            var text = buffer[..length];
            return Encoding.UTF8.GetString(text.StartsWith("\uFEFF"u8) ? text[3..] : text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
