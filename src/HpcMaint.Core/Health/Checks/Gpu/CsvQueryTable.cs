namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// The table <c>nvidia-smi --query-…=… --format=csv</c> prints: a header of field names ("utilization.gpu [%]"
/// is read as "utilization.gpu") and one row per device, cells separated by ", ".
/// </summary>
internal sealed class CsvQueryTable
{
    private readonly Dictionary<string, int> columns;

    private CsvQueryTable(Dictionary<string, int> columns, IReadOnlyList<string[]> rows)
    {
        this.columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    public IEnumerable<string> Columns => columns.Keys;

    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The cell, or null when the column is absent or the cell has no value ("[N/A]", "N/A", deprecated).</summary>
    public string? Cell(string[] row, string column) =>
        columns.TryGetValue(column, out var i) && !GpuText.IsNoValue(row[i]) ? row[i] : null;

    /// <param name="skip">Lines that are not table rows (e.g. nvidia-smi's lost-GPU messages).</param>
    public static Parsed<CsvQueryTable> Parse(string text, Func<string, bool> skip)
    {
        Dictionary<string, int>? header = null;
        var rows = new List<string[]>();
        var lineNumber = 0;
        foreach (var span in new LineSplitter(text))
        {
            lineNumber++;
            if (span.IsWhiteSpace())
            {
                continue;
            }

            var line = span.ToString();
            if (skip(line))
            {
                continue;
            }

            var cells = line.Split(',', StringSplitOptions.TrimEntries);
            if (header is null)
            {
                header = Header(cells);
                if (header is null)
                {
                    return Parsed<CsvQueryTable>.Bad($"line {lineNumber} is not a header of field names (query without \"noheader\"): {GpuText.FirstLine(line)}");
                }

                continue;
            }

            if (cells.Length != header.Count)
            {
                return Parsed<CsvQueryTable>.Bad($"line {lineNumber} has {cells.Length} cells, the header {header.Count}");
            }

            rows.Add(cells);
        }

        return header is null
            ? Parsed<CsvQueryTable>.Bad("empty query output")
            : Parsed<CsvQueryTable>.Ok(new CsvQueryTable(header, rows));
    }

    private static Dictionary<string, int>? Header(string[] cells)
    {
        var header = new Dictionary<string, int>(cells.Length, StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
        {
            var name = cells[i];
            var unit = name.IndexOf(" [", StringComparison.Ordinal);
            if (unit > 0 && name.EndsWith(']'))
            {
                name = name[..unit];
            }

            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            {
                return null;
            }

            header.TryAdd(name, i);
        }

        return header;
    }
}
