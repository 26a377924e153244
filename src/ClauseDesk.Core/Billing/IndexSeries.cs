using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>One month's value of a published index series (Agoria Digital, the consumer price index …), as stored per tenant.</summary>
public sealed class IndexValue
{
    private IndexValue()
    {
    }

    public IndexValue(Guid tenantId, string series, YearMonth month, decimal value, DateTimeOffset importedAt)
    {
        TenantId = tenantId;
        Series = series;
        Month = new DateOnly(month.Year, month.Month, 1);
        Value = value;
        ImportedAt = importedAt;
    }

    public Guid TenantId { get; private set; }

    /// <summary>The series' name, e.g. <c>agoria-digital</c> or <c>cpi</c>.</summary>
    public string Series { get; private set; } = "";

    /// <summary>The first day of the month the value is for.</summary>
    public DateOnly Month { get; private set; }

    public decimal Value { get; private set; }
    public DateTimeOffset ImportedAt { get; private set; }
}

/// <summary>A line of an index series CSV that cannot be read; <see cref="Line"/> is 1-based.</summary>
public sealed class IndexSeriesFormatException(int line, string message) : Exception($"line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// Index series imported from CSV (SPEC §5): one <c>month,value</c> a line, the month as
/// <c>YYYY-MM</c>, the value with a decimal point; an optional header line <c>month,value</c>; blank
/// lines are skipped. A series is replaced as a whole by each import.
/// </summary>
public static partial class IndexSeries
{
    /// <summary>The most lines one import takes: 100 years of months.</summary>
    public const int MaxLines = 1200;

    /// <summary>Whether <paramref name="name"/> is a series name: 1–64 lower-case letters, digits and hyphens.</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>The months and values of a CSV text, in month order.</summary>
    /// <exception cref="IndexSeriesFormatException">A line that is not <c>YYYY-MM,value</c>, a value out of bounds, a month given twice, no values, or more than <see cref="MaxLines"/> lines.</exception>
    public static IReadOnlyList<(YearMonth Month, decimal Value)> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > MaxLines + 2)
        {
            throw new IndexSeriesFormatException(MaxLines + 1, $"at most {MaxLines} months in one import");
        }

        var values = new Dictionary<YearMonth, decimal>();
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || (values.Count == 0 && line.Equals("month,value", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 2)
            {
                throw new IndexSeriesFormatException(number, $"'{Clip(line)}' is not month,value (two cells separated by a comma; write decimals with a point)");
            }

            var month = MonthPattern().Match(cells[0].Trim());
            if (!month.Success || !int.TryParse(month.Groups[2].Value, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
            {
                throw new IndexSeriesFormatException(number, $"'{Clip(cells[0].Trim())}' is not a month YYYY-MM");
            }

            var key = new YearMonth(int.Parse(month.Groups[1].Value, CultureInfo.InvariantCulture), m);
            if (!decimal.TryParse(cells[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                throw new IndexSeriesFormatException(number, $"'{Clip(cells[1].Trim())}' is not a number like 126.45");
            }

            if (value <= 0 || value > Indexation.MaxIndex)
            {
                throw new IndexSeriesFormatException(number, $"an index is more than 0 and at most {Indexation.MaxIndex:0}");
            }

            if (!values.TryAdd(key, value))
            {
                throw new IndexSeriesFormatException(number, $"{Month(key)} is given twice");
            }
        }

        if (values.Count == 0)
        {
            throw new IndexSeriesFormatException(1, "no month,value lines");
        }

        return [.. values.OrderBy(v => v.Key).Select(v => (v.Key, v.Value))];
    }

    /// <summary>The value without trailing zeros (a database column's scale adds them), so workings read the same on every database.</summary>
    public static decimal Normal(decimal value) => value / 1.000000000000000000000000000000m;

    /// <summary>A month as the API and the workings write it: <c>2026-12</c>.</summary>
    public static string Month(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([12][0-9]{3})-([0-9]{2})$")]
    private static partial Regex MonthPattern();
}
