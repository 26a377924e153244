using System.Numerics;

namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// An International Bank Account Number (ISO 13616): a country code, two check digits and at most
/// 30 letters or digits; moving the first four characters to the end and reading letters as
/// 10–35 gives a number that is 1 mod 97. Belgian IBANs are 16 characters long.
/// </summary>
public sealed class Iban : IEquatable<Iban>
{
    private Iban(string value) => Value = value;

    /// <summary>Upper case without spaces, e.g. <c>BE68539007547034</c>.</summary>
    public string Value { get; }

    /// <summary>The two-letter country code.</summary>
    public string CountryCode => Value[..2];

    /// <summary>Reads an IBAN with or without spaces, in any case.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not 15–34 letters and digits starting with a country code and two digits, Belgian but not 16 long, or a failed mod-97 check.</exception>
    public static Iban Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34
            || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])
            || !compact.All(char.IsAsciiLetterOrDigit))
        {
            throw new FormatException($"'{text}' is not an IBAN: a country code, two check digits and 11–30 letters or digits expected.");
        }

        if (compact.StartsWith("BE", StringComparison.Ordinal) && compact.Length != 16)
        {
            throw new FormatException($"'{text}' is not a Belgian IBAN: 16 characters expected.");
        }

        var rearranged = compact[4..] + compact[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 != 1)
        {
            throw new FormatException($"'{text}' is not an IBAN: the check digits do not match.");
        }

        return new Iban(compact);
    }

    /// <summary>In groups of four, e.g. <c>BE68 5390 0754 7034</c>.</summary>
    public string Grouped => string.Join(' ', Enumerable.Range(0, (Value.Length + 3) / 4).Select(i => Value.Substring(i * 4, Math.Min(4, Value.Length - (i * 4)))));

    /// <summary>Compact, e.g. <c>BE68539007547034</c>.</summary>
    public override string ToString() => Value;

    public bool Equals(Iban? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as Iban);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}
