using System.Globalization;
using CsvHelper;

namespace EventHub.Operations;

/// <summary>
/// The exports' CSV, one way for all: UTF-8 with a byte-order mark (without it Excel guesses a legacy code page and
/// mangles "Hồ Chí Minh"), invariant numbers, and text Excel would run as a formula ("=HYPERLINK(…)" typed by a
/// delegate) kept as text.
/// </summary>
public static class ExcelCsv
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var buffer = new MemoryStream();
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            FormatProvider = CultureInfo.InvariantCulture,
            Injection = CsvInjection.Escape,
        };
        using (var csv = CsvWriter.Create(buffer, options, true))
        {
            csv.WriteHeader([.. header]);
            foreach (var row in rows) csv.WriteRecord(row);
        }
        return buffer.ToArray();
    }
}
