using System.Globalization;

namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// A Belgian enterprise number (ondernemingsnummer / numéro d'entreprise): ten digits starting with
/// 0 or 1, whose last two digits are 97 − (the first eight digits mod 97). Shown as
/// <c>0403.170.701</c>; the VAT number of a Belgian VAT payer is <c>BE</c> followed by the ten digits.
/// </summary>
public sealed class EnterpriseNumber : IEquatable<EnterpriseNumber>
{
    private EnterpriseNumber(string digits) => Digits = digits;

    /// <summary>The ten digits, e.g. <c>0403170701</c> (also the Peppol identifier, scheme 0208).</summary>
    public string Digits { get; }

    /// <summary><c>BE</c> and the ten digits, e.g. <c>BE0403170701</c>.</summary>
    public string VatNumber => "BE" + Digits;

    /// <summary>
    /// Reads the common spellings: <c>0403.170.701</c>, <c>0403 170 701</c>, <c>0403170701</c>,
    /// <c>BE0403170701</c>, <c>BE 0403.170.701</c>, and the nine digits of numbers issued before 2005
    /// (<c>403.170.701</c>, read with a leading 0).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not ten digits (nine for the old form), not starting with 0 or 1, or a wrong check number.</exception>
    public static EnterpriseNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var number, out var error) ? number : throw new FormatException($"'{text}' is not a Belgian enterprise number: {error}");
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out EnterpriseNumber number) => TryParse(text, out number, out _);

    private static bool TryParse(string? text, out EnterpriseNumber number, out string error)
    {
        number = null!;
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (compact.StartsWith("BE", StringComparison.OrdinalIgnoreCase))
        {
            compact = compact[2..];
        }

        if (compact.Length == 9)
        {
            compact = "0" + compact;
        }

        if (compact.Length != 10 || !compact.All(char.IsAsciiDigit))
        {
            error = "ten digits expected";
            return false;
        }

        if (compact[0] is not ('0' or '1'))
        {
            error = "it starts with 0 or 1";
            return false;
        }

        var expected = 97 - (int.Parse(compact[..8], CultureInfo.InvariantCulture) % 97);
        if (int.Parse(compact[8..], CultureInfo.InvariantCulture) != expected)
        {
            error = $"the check number is {expected:00}, not {compact[8..]}";
            return false;
        }

        number = new EnterpriseNumber(compact);
        error = "";
        return true;
    }

    /// <summary>Dotted, e.g. <c>0403.170.701</c>.</summary>
    public override string ToString() => $"{Digits[..4]}.{Digits[4..7]}.{Digits[7..]}";

    public bool Equals(EnterpriseNumber? other) => other is not null && other.Digits == Digits;

    public override bool Equals(object? obj) => Equals(obj as EnterpriseNumber);

    public override int GetHashCode() => Digits.GetHashCode(StringComparison.Ordinal);
}
