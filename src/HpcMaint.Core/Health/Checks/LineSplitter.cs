namespace HpcMaint.Core.Health.Checks;

/// <summary>
/// The lines of a /proc or /sys text or of a tool's output, split on '\n' only (a trailing '\r' is dropped).
/// MemoryExtensions.EnumerateLines also looks for the Unicode line breaks and costs milliseconds of start-up
/// the first time it runs (about 8 ms under the JIT), which a one-shot health run pays in full.
/// </summary>
internal ref struct LineSplitter(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> rest = text;
    private bool done = text.IsEmpty;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly LineSplitter GetEnumerator() => this;

    public bool MoveNext()
    {
        if (done)
        {
            return false;
        }

        var newline = rest.IndexOf('\n');
        if (newline < 0)
        {
            Current = rest;
            done = true;
        }
        else
        {
            Current = rest[..newline];
            rest = rest[(newline + 1)..];
            done = rest.IsEmpty;
        }

        Current = Current.TrimEnd('\r');
        return true;
    }
}
