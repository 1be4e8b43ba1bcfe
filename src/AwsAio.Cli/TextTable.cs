namespace AwsAio.Cli;

/// <summary>Aligned text: labels and values in two columns, or rows in columns as wide as their widest cell.</summary>
internal static class TextTable
{
    /// <summary>Writes label/value pairs with the values aligned.</summary>
    public static void Pairs(TextWriter output, IEnumerable<(string Label, string Value)> pairs)
    {
        var rows = pairs.ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Label.Length);
        foreach (var (label, value) in rows)
        {
            output.WriteLine($"{label.PadRight(width)}  {value}");
        }
    }

    /// <summary>Writes rows in columns; the columns listed in <paramref name="rightAligned"/> are aligned right
    /// (numbers), the last column is not padded.</summary>
    public static void Rows(TextWriter output, IReadOnlyList<string[]> rows, params int[] rightAligned)
    {
        if (rows.Count == 0) return;
        var columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) =>
                c == row.Length - 1 && !rightAligned.Contains(c) ? cell
                : rightAligned.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            output.WriteLine(string.Join("  ", cells));
        }
    }
}
