namespace ClauseDesk.Billing.Invoices;

/// <summary>Text checks shared by the invoice types.</summary>
internal static class Text
{
    public static string Required(string? value, int maxLength, string argument)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("Required; blank given.", argument);
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : throw new ArgumentException($"At most {maxLength} characters; {trimmed.Length} given.", argument);
    }

    public static string? Optional(string? value, int maxLength, string argument) =>
        string.IsNullOrWhiteSpace(value) ? null : Required(value, maxLength, argument);

    public static string CountryCode(string? value, string argument)
    {
        var code = (value ?? "").Trim().ToUpperInvariant();
        return code.Length == 2 && code.All(char.IsAsciiLetterUpper) ? code : throw new ArgumentException($"'{value}' is not a two-letter country code.", argument);
    }
}
