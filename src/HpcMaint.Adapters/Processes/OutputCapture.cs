using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Drains one pipe into a string on its own thread, so stdout and stderr are read concurrently and a child
/// writing a lot to one of them never blocks on a full pipe. Keeps at most a limit of bytes; the rest is read
/// and thrown away, so a runaway tool costs us no memory and still never blocks.
/// </summary>
internal sealed class OutputCapture
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder _text = new();
    private readonly long _limit;
    private volatile bool _truncated;

    private OutputCapture(SafeFileHandle readEnd, long limit)
    {
        _limit = limit;
        Completion = Task.Factory.StartNew(
            () => ReadToEnd(readEnd), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Completes at end of file: when every process holding the pipe's write end has closed it.</summary>
    public Task Completion { get; }

    /// <summary>More than the limit arrived; what came after it was discarded.</summary>
    public bool Truncated => _truncated;

    public static OutputCapture Start(SafeFileHandle readEnd, long limit) => new(readEnd, limit);

    /// <summary>What has been read so far; safe to call while the reader is still running.</summary>
    public string Snapshot()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void ReadToEnd(SafeFileHandle readEnd)
    {
        using var stream = new FileStream(readEnd, FileAccess.Read, bufferSize: 0);
        var decoder = Utf8.GetDecoder();
        var bytes = new byte[65536];
        var chars = new char[Utf8.GetMaxCharCount(bytes.Length)];
        long kept = 0;
        int read;
        while ((read = stream.Read(bytes)) > 0)
        {
            var keep = (int)Math.Min(read, _limit - kept);
            if (keep < read)
            {
                _truncated = true;
            }

            if (keep <= 0)
            {
                continue;
            }

            kept += keep;
            var decoded = decoder.GetChars(bytes, 0, keep, chars, 0, flush: kept >= _limit);
            lock (_text)
            {
                _text.Append(chars, 0, decoded);
            }
        }

        var rest = decoder.GetChars([], 0, 0, chars, 0, flush: true);
        lock (_text)
        {
            _text.Append(chars, 0, rest);
        }
    }
}
