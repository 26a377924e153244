using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Billing;

/// <summary>
/// The Belgian statutory interest rate for late payment in commercial transactions, per half-year
/// (law of 2 August 2002, art. 5), as published in the Belgian Official Gazette.
/// </summary>
/// <remarks>
/// <para><see cref="Published"/> is the table shipped with ClauseDesk; <see cref="FromCsv"/> reads
/// a newer one in the same shape, so a new half-year's rate needs no release.</para>
/// <para>A rate applies to its own half-year only: a half-year without a row has no rate (the
/// previous one is never carried forward), and <see cref="For"/> refuses it.</para>
/// </remarks>
public sealed partial class StatutoryRates
{
    private readonly SortedDictionary<LocalDate, StatutoryRate> _rates;

    private StatutoryRates(SortedDictionary<LocalDate, StatutoryRate> rates) => _rates = rates;

    /// <summary>The published table shipped with this version (2019 H1 onwards; see each row's source).</summary>
    public static StatutoryRates Published { get; } = FromCsv(PublishedCsv);

    /// <summary>The rows, oldest first.</summary>
    public IReadOnlyList<StatutoryRate> Rates => [.. _rates.Values];

    /// <summary>The first and last half-year in the table, e.g. <c>2019 H1–2026 H1</c>.</summary>
    public string Coverage => $"{_rates.Values.First().HalfYear}–{_rates.Values.Last().HalfYear}";

    /// <summary>The rate of a half-year.</summary>
    /// <exception cref="StatutoryRateMissingException">The table has no row for that half-year.</exception>
    public StatutoryRate For(HalfYear halfYear) =>
        _rates.TryGetValue(halfYear.Start, out var rate) ? rate : throw new StatutoryRateMissingException(halfYear, Coverage);

    /// <summary>The rate of a half-year, or null when the table has no row for it.</summary>
    public StatutoryRate? Find(HalfYear halfYear) => _rates.TryGetValue(halfYear.Start, out var rate) ? rate : null;

    /// <summary>
    /// Reads a table: a header <c>period_start,rate_percent[,source]</c>, then one row per half-year,
    /// <c>period_start</c> an ISO date on 1 January or 1 July, <c>rate_percent</c> a decimal from 0 to
    /// 100 with a point (<c>10.5</c>), <c>source</c> optional free text, quoted when it holds commas.
    /// A source starting with <c>UNCERTAIN</c> marks a rate not yet confirmed.
    /// </summary>
    /// <exception cref="RateTableFormatException">The text is not such a table; the message names the line.</exception>
    public static StatutoryRates FromCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = Fields(lines[0].TrimStart('\uFEFF'), 1);
        if (header.Count < 2 || !Is(header[0], "period_start") || !Is(header[1], "rate_percent") || (header.Count > 2 && !Is(header[2], "source")) || header.Count > 3)
        {
            throw new RateTableFormatException("line 1: the header must be period_start,rate_percent,source (source optional)");
        }

        var rates = new SortedDictionary<LocalDate, StatutoryRate>();
        for (var i = 1; i < lines.Length; i++)
        {
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = Fields(lines[i], number);
            if (fields.Count != header.Count)
            {
                throw new RateTableFormatException($"line {number}: {fields.Count} fields where the header has {header.Count}");
            }

            var date = LocalDatePattern.Iso.Parse(fields[0].Trim());
            if (!date.Success)
            {
                throw new RateTableFormatException($"line {number}: period_start '{fields[0]}' is not an ISO date such as 2026-07-01");
            }

            var start = date.Value;
            if (start.Day != 1 || start.Month is not (1 or 7))
            {
                throw new RateTableFormatException($"line {number}: period_start {fields[0]} does not start a half-year (1 January or 1 July)");
            }

            if (!decimal.TryParse(fields[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 100)
            {
                throw new RateTableFormatException($"line {number}: rate_percent '{fields[1]}' is not a percentage from 0 to 100 such as 10.5");
            }

            var halfYear = HalfYear.Of(start);
            if (!rates.TryAdd(start, new StatutoryRate(halfYear, percent, fields.Count > 2 ? fields[2].Trim() : "")))
            {
                throw new RateTableFormatException($"line {number}: {halfYear} appears twice");
            }
        }

        return rates.Count == 0 ? throw new RateTableFormatException("the table has no rates") : new StatutoryRates(rates);
    }

    private static bool Is(string field, string name) => string.Equals(field.Trim(), name, StringComparison.OrdinalIgnoreCase);

    // RFC 4180 fields on one line: a quoted field may hold commas and doubled quotes.
    private static List<string> Fields(string line, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new RateTableFormatException($"line {number}: a quoted field is not closed");
        }

        fields.Add(field.ToString());
        return fields;
    }
}

/// <summary>One row of <see cref="StatutoryRates"/>.</summary>
/// <param name="HalfYear">The half-year the rate applies to.</param>
/// <param name="Percent">The yearly rate in percent, e.g. <c>10.5</c>.</param>
/// <param name="Source">Where it was published; empty if the table gave none.</param>
public sealed record StatutoryRate(HalfYear HalfYear, decimal Percent, string Source)
{
    /// <summary>The table marks this rate as not yet confirmed (its source starts with <c>UNCERTAIN</c>).</summary>
    public bool Uncertain => Source.StartsWith("UNCERTAIN", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A rate table that cannot be read; the message says which line and why.</summary>
public sealed class RateTableFormatException(string message) : FormatException(message);

/// <summary>A late day falls in a half-year for which the rate table has no rate.</summary>
public sealed class StatutoryRateMissingException(HalfYear halfYear, string coverage)
    : Exception($"the statutory rate for {halfYear} is not in the table (it has {coverage})")
{
    /// <summary>The first half-year without a rate.</summary>
    public HalfYear HalfYear { get; } = halfYear;
}
