using System.Globalization;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>How billing workings write dates, percentages and amounts before rounding.</summary>
internal static class Shown
{
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent) => percent.ToString("0.####", CultureInfo.InvariantCulture) + " %";

    /// <summary>As given, trailing zeros kept (120.00 stays 120.00).</summary>
    public static string Index(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whole cents as money; otherwise four decimals, with an ellipsis when digits were cut: €5.7185….</summary>
    public static string Unrounded(decimal amount)
    {
        if (amount == decimal.Round(amount, 2))
        {
            return Money.Euros(amount).ToString();
        }

        var shown = decimal.Round(amount, 4, MidpointRounding.AwayFromZero);
        return (amount < 0 ? "-€" : "€") + Math.Abs(shown).ToString("#,##0.0000", CultureInfo.InvariantCulture) + (shown == amount ? "" : "…");
    }
}
