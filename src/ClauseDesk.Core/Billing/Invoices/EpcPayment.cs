using System.Globalization;
using System.Text;

namespace ClauseDesk.Billing.Invoices;

/// <summary>Where the structured communication goes in the EPC QR code.</summary>
public enum EpcReferenceField
{
    /// <summary>Field 10, the structured creditor reference: the twelve digits. Belgian banking apps read it there.</summary>
    Structured,

    /// <summary>Field 11, the unstructured remittance text: <c>+++123/4567/89002+++</c>.</summary>
    RemittanceText,
}

/// <summary>
/// The payload of an EPC QR code ("GiroCode", EPC069-12 version 002, UTF-8, SEPA credit transfer)
/// that a banking app scans to fill in a transfer: BIC, name, IBAN, amount and reference.
/// </summary>
public sealed record EpcPayment
{
    /// <summary>The smallest amount: €0.01.</summary>
    public static readonly Money MinAmount = Money.Euros(0.01m);

    /// <summary>The largest amount: €999,999,999.99.</summary>
    public static readonly Money MaxAmount = Money.Euros(999_999_999.99m);

    /// <summary>EPC069-12: the whole payload is at most 331 bytes.</summary>
    public const int MaxPayloadBytes = 331;

    /// <param name="account">IBAN and BIC of the beneficiary.</param>
    /// <param name="name">Beneficiary name, 1–70 characters.</param>
    /// <param name="amount">€0.01 to €999,999,999.99, whole cents.</param>
    /// <param name="reference">The structured communication.</param>
    /// <param name="field">Which field carries it; default the structured reference.</param>
    /// <exception cref="ArgumentException">A blank or too long name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is out of bounds or not whole cents.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public EpcPayment(BankAccount account, string name, Money amount, StructuredCommunication reference, EpcReferenceField field = EpcReferenceField.Structured)
    {
        Account = account ?? throw new ArgumentNullException(nameof(account));
        Name = Text.Required(name, 70, nameof(name));
        if (amount < MinAmount || amount > MaxAmount || amount != amount.RoundToCents())
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"An EPC QR amount is {MinAmount} to {MaxAmount} in whole cents.");
        }

        Amount = amount;
        Reference = reference ?? throw new ArgumentNullException(nameof(reference));
        Field = field;
    }

    public BankAccount Account { get; }
    public string Name { get; }
    public Money Amount { get; }
    public StructuredCommunication Reference { get; }
    public EpcReferenceField Field { get; }

    /// <summary>
    /// The QR payload for what is still due on <paramref name="invoice"/>, or null when nothing is
    /// (fully prepaid): a QR code for €0.00 would be refused by every bank.
    /// </summary>
    public static EpcPayment? For(Invoice invoice, EpcReferenceField field = EpcReferenceField.Structured)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var due = invoice.Totals.Payable;
        return due < MinAmount ? null : new EpcPayment(invoice.PayTo, Truncate(invoice.Supplier.Name, 70), due, invoice.PaymentReference, field);
    }

    /// <summary>
    /// The twelve lines of EPC069-12 separated by LF, without a trailing separator: <c>BCD</c>,
    /// <c>002</c>, <c>1</c> (UTF-8), <c>SCT</c>, BIC, name, IBAN, <c>EUR</c> and the amount with a
    /// point and no grouping (e.g. <c>EUR1210.5</c>), purpose (empty), structured reference,
    /// remittance text, information (empty) — trailing empty lines left out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The UTF-8 payload would exceed <see cref="MaxPayloadBytes"/> (cannot happen within the field bounds; checked anyway).</exception>
    public string ToPayload()
    {
        var amount = "EUR" + Amount.Amount.ToString("0.##", CultureInfo.InvariantCulture);
        var fields = new List<string>
        {
            "BCD", "002", "1", "SCT", Account.Bic, Name, Account.Iban.Value, amount, "",
            Field == EpcReferenceField.Structured ? Reference.Digits : "",
            Field == EpcReferenceField.RemittanceText ? Reference.ToString() : "",
        };
        while (fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        var payload = string.Join('\n', fields);
        return Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes ? payload : throw new InvalidOperationException($"The EPC payload is longer than {MaxPayloadBytes} bytes.");
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
