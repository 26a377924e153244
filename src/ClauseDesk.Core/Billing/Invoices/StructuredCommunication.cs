using System.Globalization;

namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// The Belgian structured communication (gestructureerde mededeling / communication structurée,
/// OGM/VCS): ten digits and two check digits, the ten-digit number mod 97 (97 when that is 0),
/// written <c>+++123/4567/89002+++</c>. Banks refuse a transfer with a wrong check number, so a
/// payment can be matched to its invoice without reading the text.
/// </summary>
public sealed class StructuredCommunication : IEquatable<StructuredCommunication>
{
    /// <summary>The largest base number: ten digits.</summary>
    public const long MaxBase = 9_999_999_999;

    private StructuredCommunication(string digits) => Digits = digits;

    /// <summary>The twelve digits, e.g. <c>123456789002</c>.</summary>
    public string Digits { get; }

    /// <summary>The first ten digits as a number.</summary>
    public long Base => long.Parse(Digits[..10], CultureInfo.InvariantCulture);

    /// <summary>The check number, 1–97.</summary>
    public int Check => int.Parse(Digits[10..], CultureInfo.InvariantCulture);

    /// <summary>
    /// The communication for a base number, e.g. an invoice's sequence number: 1234567890 →
    /// <c>+++123/4567/89002+++</c> (SPEC §9). The base is written with leading zeros to ten digits.
    /// </summary>
    /// <param name="number">0 to <see cref="MaxBase"/>; 0 gives check number 97.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is negative or more than ten digits.</exception>
    public static StructuredCommunication FromBase(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxBase);
        return new StructuredCommunication(number.ToString("0000000000", CultureInfo.InvariantCulture) + CheckOf(number).ToString("00", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Reads <c>+++123/4567/89002+++</c>, <c>***123/4567/89002***</c>, <c>123/4567/89002</c> or the
    /// bare twelve digits; spaces are ignored.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not twelve digits in one of those forms, or a wrong check number.</exception>
    public static StructuredCommunication Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var result, out var error) ? result : throw new FormatException($"'{text}' is not a structured communication: {error}");
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out StructuredCommunication communication) => TryParse(text, out communication, out _);

    private static bool TryParse(string? text, out StructuredCommunication communication, out string error)
    {
        communication = null!;
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        foreach (var fence in new[] { "+++", "***" })
        {
            if (compact.StartsWith(fence, StringComparison.Ordinal) && compact.EndsWith(fence, StringComparison.Ordinal) && compact.Length > 6)
            {
                compact = compact[3..^3];
                break;
            }
        }

        if (compact.Length == 14 && compact[3] == '/' && compact[8] == '/')
        {
            compact = compact.Replace("/", "", StringComparison.Ordinal);
        }

        if (compact.Length != 12 || !compact.All(char.IsAsciiDigit))
        {
            error = "twelve digits expected, as +++123/4567/89002+++";
            return false;
        }

        var number = long.Parse(compact[..10], CultureInfo.InvariantCulture);
        var check = int.Parse(compact[10..], CultureInfo.InvariantCulture);
        if (check != CheckOf(number))
        {
            error = $"the check number of {compact[..10]} is {CheckOf(number):00}, not {compact[10..]}";
            return false;
        }

        communication = new StructuredCommunication(compact);
        error = "";
        return true;
    }

    private static int CheckOf(long number) => number % 97 == 0 ? 97 : (int)(number % 97);

    /// <summary>As printed on an invoice: <c>+++123/4567/89002+++</c>.</summary>
    public override string ToString() => $"+++{Digits[..3]}/{Digits[3..7]}/{Digits[7..]}+++";

    public bool Equals(StructuredCommunication? other) => other is not null && other.Digits == Digits;

    public override bool Equals(object? obj) => Equals(obj as StructuredCommunication);

    public override int GetHashCode() => Digits.GetHashCode(StringComparison.Ordinal);
}
