using System.Text;
using CliWrap;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Where CliWrap pipes one of a command's output streams: keeps at most a limit of bytes, decoded as UTF-8;
/// the rest is read and thrown away, so a runaway tool costs us no memory and never blocks on a full pipe.
/// </summary>
internal sealed class BoundedOutput(long limit) : PipeTarget
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder _text = new();
    private volatile bool _truncated;

    /// <summary>More than the limit arrived; what came after it was discarded.</summary>
    public bool Truncated => _truncated;

    /// <summary>What has been read so far; safe to call while the copy is still running (a timed-out command).</summary>
    public string Snapshot()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    public override async Task CopyFromAsync(Stream origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var decoder = Utf8.GetDecoder();
        var bytes = new byte[65536];
        var chars = new char[Utf8.GetMaxCharCount(bytes.Length)];
        long kept = 0;
        int read;
        while ((read = await origin.ReadAsync(bytes, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var keep = (int)Math.Min(read, limit - kept);
            if (keep < read)
            {
                _truncated = true;
            }

            if (keep <= 0)
            {
                continue;
            }

            kept += keep;
            var decoded = decoder.GetChars(bytes, 0, keep, chars, 0, flush: kept >= limit);
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
