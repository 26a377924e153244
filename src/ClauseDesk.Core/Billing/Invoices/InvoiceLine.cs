using System.Globalization;
using NodaTime;

namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// One line of an invoice or credit note (BG-25): what was supplied, how much, at what price and
/// how it is taxed. Its net amount (BT-131) is quantity × unit price rounded to the cent, half
/// away from zero, and carries its working.
/// </summary>
public sealed class InvoiceLine
{
    /// <summary>The largest quantity or unit price accepted.</summary>
    public const decimal MaxMagnitude = 1_000_000_000m;

    /// <param name="description">What was supplied, 1–500 characters (the item name, BT-153).</param>
    /// <param name="quantity">Not zero, at most <see cref="MaxMagnitude"/> either way, at most 4 decimals. Negative only on an invoice, as a correction (see <see cref="Invoice"/>).</param>
    /// <param name="unitCode">UN/ECE Recommendation 20 code, e.g. <see cref="Units.Hour"/>; 1–3 upper-case letters or digits.</param>
    /// <param name="unitPrice">Price of one unit excluding VAT; 0 to <see cref="MaxMagnitude"/>, at most 4 decimals (BR-27: never negative).</param>
    /// <param name="vat">How the line is taxed.</param>
    /// <param name="period">Optional period the line covers (BG-26), e.g. a month of service.</param>
    /// <exception cref="ArgumentException">A blank or too long description, or a malformed unit code.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quantity or price out of bounds.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="vat"/> is null.</exception>
    public InvoiceLine(string description, decimal quantity, string unitCode, Money unitPrice, VatTreatment vat, DateInterval? period = null)
    {
        Description = Text.Required(description, 500, nameof(description));
        if (quantity == 0m || Math.Abs(quantity) > MaxMagnitude || decimal.Round(quantity, 4) != quantity)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"A quantity is not zero, at most {MaxMagnitude:#,0} either way, with at most 4 decimals.");
        }

        if (unitCode is null || unitCode.Length is < 1 or > 3 || !unitCode.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"'{unitCode}' is not a UN/ECE unit code such as HUR or C62.", nameof(unitCode));
        }

        if (unitPrice < Money.Zero || unitPrice.Amount > MaxMagnitude || decimal.Round(unitPrice.Amount, 4) != unitPrice.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(unitPrice), unitPrice, $"A unit price is 0 to {MaxMagnitude:#,0} with at most 4 decimals; a negative amount is a negative quantity.");
        }

        Quantity = quantity;
        UnitCode = unitCode;
        UnitPrice = unitPrice;
        Vat = vat ?? throw new ArgumentNullException(nameof(vat));
        Period = period;

        var exact = quantity * unitPrice.Amount;
        var net = Money.Euros(exact).RoundToCents();
        Net = new Computed<Money>(net, new Working(
            "EN 16931 BT-131 line net amount",
            "quantity × unit price, rounded to the cent half away from zero",
            [
                ("description", Description),
                ("quantity", $"{quantity.ToString(CultureInfo.InvariantCulture)} {unitCode}"),
                ("unit price excl. VAT", unitPrice.ToString()),
                ("VAT", vat.ToString()),
            ],
            [$"{quantity.ToString(CultureInfo.InvariantCulture)} × {unitPrice} = {Shown.Unrounded(exact)}, rounded to the cent: {net}."]));
    }

    public string Description { get; }
    public decimal Quantity { get; }
    public string UnitCode { get; }
    public Money UnitPrice { get; }
    public VatTreatment Vat { get; }
    public DateInterval? Period { get; }

    /// <summary>The line net amount (BT-131) and how it was computed.</summary>
    public Computed<Money> Net { get; }
}

/// <summary>UN/ECE Recommendation 20 unit codes used on service invoices.</summary>
public static class Units
{
    public const string Hour = "HUR";
    public const string Day = "DAY";
    public const string Month = "MON";
    public const string Year = "ANN";
    public const string Piece = "C62";
    public const string Kilometre = "KMT";
}

/// <summary>
/// A document-level allowance (discount) or charge (BG-20 / BG-21), taxed in one VAT category.
/// </summary>
public sealed record AllowanceCharge
{
    /// <param name="isCharge">True for a charge (added), false for an allowance (deducted).</param>
    /// <param name="reason">Why, 1–200 characters (BT-97 / BT-104).</param>
    /// <param name="amount">More than zero, whole cents, at most <see cref="InvoiceLine.MaxMagnitude"/>.</param>
    /// <param name="vat">How the amount is taxed.</param>
    /// <exception cref="ArgumentException">A blank or too long reason.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive, not in whole cents or too large.</exception>
    public AllowanceCharge(bool isCharge, string reason, Money amount, VatTreatment vat)
    {
        Reason = Text.Required(reason, 200, nameof(reason));
        if (amount <= Money.Zero || amount.Amount > InvoiceLine.MaxMagnitude || amount != amount.RoundToCents())
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An allowance or charge is more than zero, in whole cents.");
        }

        IsCharge = isCharge;
        Amount = amount;
        Vat = vat ?? throw new ArgumentNullException(nameof(vat));
    }

    public bool IsCharge { get; }
    public string Reason { get; }
    public Money Amount { get; }
    public VatTreatment Vat { get; }

    /// <summary>The amount with its sign on the taxable base: negative for an allowance.</summary>
    public Money Signed => IsCharge ? Amount : -Amount;
}
