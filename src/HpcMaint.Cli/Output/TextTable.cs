using System.Text;

namespace HpcMaint.Cli.Output;

/// <summary>A plain left-aligned table like sinfo/squeue print; the last column is not padded.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public void WriteTo(TextWriter w)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteRow(w, headers, widths);
        foreach (var row in rows)
        {
            WriteRow(w, row, widths);
        }
    }

    private static void WriteRow(TextWriter w, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        w.WriteLine(line.ToString().TrimEnd());
    }
}
