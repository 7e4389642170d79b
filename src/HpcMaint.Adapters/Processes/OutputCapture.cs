using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Drains one pipe into a string on its own thread, so stdout and stderr are read concurrently and a child
/// writing a lot to one of them never blocks on a full pipe.
/// </summary>
internal sealed class OutputCapture
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder _text = new();

    private OutputCapture(SafeFileHandle readEnd) =>
        Completion = Task.Factory.StartNew(
            () => ReadToEnd(readEnd), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Completes at end of file: when every process holding the pipe's write end has closed it.</summary>
    public Task Completion { get; }

    public static OutputCapture Start(SafeFileHandle readEnd) => new(readEnd);

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
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 65536);
        var buffer = new char[16384];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            lock (_text)
            {
                _text.Append(buffer, 0, read);
            }
        }
    }
}
