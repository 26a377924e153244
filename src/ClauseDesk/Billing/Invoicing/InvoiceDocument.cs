using System.Globalization;
using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing.Invoicing;

/// <summary>
/// A party's invoicing details as stored and sent: checked by building the domain's <see cref="Party"/>.
/// A customer's also carry its late-payment clause (<c>latePaymentPolicy</c>: statutory, yearly-10 or
/// monthly-1; none set is the law alone, the statutory rate and a flat €40), whether the contract has a
/// lump-sum clause (<c>lumpSumClause</c>, default true; false gives the law's flat €40) and how payments
/// are allocated (<c>paymentAllocation</c>: oldest-first, the default, or as-designated), which the
/// account statement applies (decision 0012).
/// </summary>
public sealed record BillingDetails(
    string? Name, string? Street, string? City, string? Postcode, string? Country,
    string? EnterpriseNumber, string? VatNumber, string? Email, string? Iban, string? Bic, int? PaymentTermDays,
    string? LatePaymentPolicy = null, bool? LumpSumClause = null, string? PaymentAllocation = null)
{
    /// <exception cref="RequestException">A field is missing or invalid; the field is named.</exception>
    public Party ToParty(string field, bool supplier)
    {
        return InvoiceDocument.Checked(field, () => new Party(
            Name ?? "",
            new PostalAddress(Street ?? "", City ?? "", Postcode ?? "", Country ?? ""),
            EnterpriseNumber is { Length: > 0 } number ? Read(() => Invoices.EnterpriseNumber.Parse(number), "enterpriseNumber") : null,
            VatNumber is { Length: > 0 } vat ? vat : null,
            Email is { Length: > 0 } email ? email : null,
            bankAccount: supplier
                ? new BankAccount(Read(() => Invoices.Iban.Parse(Iban ?? throw new ArgumentException("the provider's IBAN, to be paid on", "iban")), "iban"), Bic ?? throw new ArgumentException("the provider's BIC", "bic"))
                : null));
    }

    // The parsers say what is wrong with a FormatException; the field it concerns is known here.
    private static T Read<T>(Func<T> parse, string field)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, field, e);
        }
    }
}

/// <summary>One line as the API takes it. <c>Vat</c>: 21, 12, 6, 0, reverse-charge or outside-scope.</summary>
public sealed record LineRequest(string? Description, decimal? Quantity, string? Unit, decimal? UnitPrice, string? Vat);

/// <summary>
/// An invoice as issued: the parties' details at that moment, the lines, the number and dates. Kept as
/// JSON with the invoice so that its PDF and UBL are the same whenever they are asked for.
/// </summary>
public sealed record InvoiceDocument(
    string Number, DateOnly IssueDate, int PaymentTermDays, BillingDetails Supplier, BillingDetails Customer,
    IReadOnlyList<LineRequest> Lines, string? BuyerReference, string PaymentReference)
{
    public Invoice ToInvoice()
    {
        var supplier = Supplier.ToParty("provider", supplier: true);
        var customer = Customer.ToParty("organisation", supplier: false);
        var lines = ToLines(Lines);
        return Checked("invoice", () => new Invoice(
            Number, new LocalDate(IssueDate.Year, IssueDate.Month, IssueDate.Day), PaymentTermDays, supplier, customer, lines,
            StructuredCommunication.Parse(PaymentReference), BuyerReference ?? customer.Name));
    }

    /// <summary>The domain's lines; a refusal names the line (<c>lines[2].quantity</c>).</summary>
    public static List<InvoiceLine> ToLines(IReadOnlyList<LineRequest> lines) =>
        [.. lines.Select((l, i) => Checked($"lines[{i}]", () => new InvoiceLine(
            l.Description ?? "",
            l.Quantity ?? throw new ArgumentException("a quantity", "quantity"),
            l.Unit is { Length: > 0 } unit ? unit : Units.Piece,
            Money.Euros(l.UnitPrice ?? throw new ArgumentException("a unit price excl. VAT", "unitPrice")),
            Vat(l.Vat))))];

    private static VatTreatment Vat(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "21" => VatTreatment.Standard(21m),
        "12" => VatTreatment.Standard(12m),
        "6" => VatTreatment.Standard(6m),
        "0" => VatTreatment.ZeroRated(),
        "reverse-charge" => VatTreatment.ReverseCharge(),
        "outside-scope" => VatTreatment.OutsideScope(),
        _ => throw new ArgumentException($"'{code}' is not one of 21, 12, 6, 0, reverse-charge, outside-scope", "vat"),
    };

    /// <summary>Runs a domain constructor; its refusal becomes a 422 naming the field it is about.</summary>
    public static T Checked<T>(string field, Func<T> build, string title = "Not a valid invoice")
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            var name = e.ParamName is { Length: > 0 } p ? $"{field}.{char.ToLowerInvariant(p[0])}{p[1..]}" : field;
            var message = e.Message.Split(" (Parameter '")[0];
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, title, name, message);
        }
    }

    public static string NumberOf(int year, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{year}-{sequence:000000}");
}
