using System.Text.RegularExpressions;

namespace ClauseDesk.Billing.Invoices;

/// <summary>A postal address as EN 16931 carries it (BG-5 / BG-8).</summary>
public sealed record PostalAddress
{
    /// <param name="street">Street and number, 1–100 characters.</param>
    /// <param name="city">1–60 characters.</param>
    /// <param name="postcode">1–20 characters.</param>
    /// <param name="countryCode">ISO 3166-1 alpha-2, e.g. <c>BE</c>; upper-cased.</param>
    /// <exception cref="ArgumentException">A field is blank, too long, or the country code is not two letters.</exception>
    public PostalAddress(string street, string city, string postcode, string countryCode)
    {
        Street = Text.Required(street, 100, nameof(street));
        City = Text.Required(city, 60, nameof(city));
        Postcode = Text.Required(postcode, 20, nameof(postcode));
        CountryCode = Text.CountryCode(countryCode, nameof(countryCode));
    }

    public string Street { get; }
    public string City { get; }
    public string Postcode { get; }
    public string CountryCode { get; }
}

/// <summary>
/// Where a party receives Peppol documents (BT-34 / BT-49): an electronic address scheme (ISO 6523
/// ICD or EAS code, e.g. <c>0208</c> for the Belgian enterprise number, <c>9944</c> for a Dutch VAT
/// number) and the identifier in that scheme.
/// </summary>
public sealed record PeppolEndpoint
{
    /// <summary>The scheme of Belgian enterprise numbers.</summary>
    public const string BelgianEnterpriseScheme = "0208";

    /// <param name="schemeId">Four digits.</param>
    /// <param name="id">1–50 characters without spaces.</param>
    /// <exception cref="ArgumentException">Not four digits, or a blank, spaced or too long identifier; a 0208 identifier that is not a valid enterprise number.</exception>
    public PeppolEndpoint(string schemeId, string id)
    {
        if (schemeId is null || schemeId.Length != 4 || !schemeId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"The Peppol scheme '{schemeId}' is not four digits.", nameof(schemeId));
        }

        Id = Text.Required(id, 50, nameof(id));
        if (Id.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"The Peppol identifier '{id}' contains spaces.", nameof(id));
        }

        if (schemeId == BelgianEnterpriseScheme && (!EnterpriseNumber.TryParse(Id, out var number) || number.Digits != Id))
        {
            throw new ArgumentException($"Scheme 0208 takes the ten digits of a valid Belgian enterprise number, not '{id}'.", nameof(id));
        }

        SchemeId = schemeId;
    }

    public string SchemeId { get; }
    public string Id { get; }

    /// <summary>Scheme 0208 and the enterprise number's ten digits.</summary>
    public static PeppolEndpoint For(EnterpriseNumber number) => new(BelgianEnterpriseScheme, (number ?? throw new ArgumentNullException(nameof(number))).Digits);
}

/// <summary>The supplier's account the invoice is paid to: an IBAN and the bank's BIC.</summary>
public sealed record BankAccount
{
    private static readonly Regex BicPattern = new("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$", RegexOptions.CultureInvariant);

    /// <param name="iban">The account.</param>
    /// <param name="bic">ISO 9362: 8 or 11 letters and digits, the 5th and 6th the country; upper-cased, spaces ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="iban"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bic"/> is not a BIC.</exception>
    public BankAccount(Iban iban, string bic)
    {
        Iban = iban ?? throw new ArgumentNullException(nameof(iban));
        var compact = (bic ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (!BicPattern.IsMatch(compact))
        {
            throw new ArgumentException($"'{bic}' is not a BIC: 8 or 11 letters and digits expected, e.g. GKCCBEBB.", nameof(bic));
        }

        Bic = compact;
    }

    public Iban Iban { get; }
    public string Bic { get; }
}

/// <summary>
/// The supplier (seller, BG-4) or customer (buyer, BG-7) of an invoice.
/// </summary>
public sealed record Party
{
    private static readonly Regex VatPattern = new("^[A-Z]{2}[A-Z0-9+*.]{2,13}$", RegexOptions.CultureInvariant);
    private static readonly Regex EmailPattern = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

    /// <param name="name">Registered name, 1–200 characters.</param>
    /// <param name="address">Postal address.</param>
    /// <param name="enterpriseNumber">The Belgian enterprise number; null for a party registered abroad.</param>
    /// <param name="vatNumber">
    /// VAT identifier with its country prefix (e.g. <c>BE0403170701</c>, <c>NL859387391B01</c>); spaces and
    /// dots ignored. Null when the party is not a VAT payer. A <c>BE</c> number must be <c>BE</c> and the
    /// party's enterprise number.
    /// </param>
    /// <param name="email">Optional; where invoices and questions go.</param>
    /// <param name="endpoint">Peppol address; default scheme 0208 with <paramref name="enterpriseNumber"/>.</param>
    /// <param name="bankAccount">The account to be paid on; required for a supplier.</param>
    /// <exception cref="ArgumentException">A malformed field, a BE VAT number that is not the enterprise number, or no endpoint and no enterprise number.</exception>
    public Party(string name, PostalAddress address, EnterpriseNumber? enterpriseNumber = null, string? vatNumber = null, string? email = null, PeppolEndpoint? endpoint = null, BankAccount? bankAccount = null)
    {
        Name = Text.Required(name, 200, nameof(name));
        Address = address ?? throw new ArgumentNullException(nameof(address));
        EnterpriseNumber = enterpriseNumber;
        if (vatNumber is not null)
        {
            var compact = vatNumber.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
            if (!VatPattern.IsMatch(compact))
            {
                throw new ArgumentException($"'{vatNumber}' is not a VAT number: a country prefix and 2–13 characters expected.", nameof(vatNumber));
            }

            if (compact.StartsWith("BE", StringComparison.Ordinal) && compact != enterpriseNumber?.VatNumber)
            {
                throw new ArgumentException($"A Belgian VAT number is BE and the enterprise number ({enterpriseNumber?.VatNumber ?? "none given"}), not '{vatNumber}'.", nameof(vatNumber));
            }

            VatNumber = compact;
        }

        if (email is not null && (email.Length > 254 || !EmailPattern.IsMatch(email)))
        {
            throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));
        }

        Email = email;
        Endpoint = endpoint ?? (enterpriseNumber is null
            ? throw new ArgumentException("A party needs a Peppol endpoint; only a Belgian enterprise number gives a default (scheme 0208).", nameof(endpoint))
            : PeppolEndpoint.For(enterpriseNumber));
        BankAccount = bankAccount;
    }

    public string Name { get; }
    public PostalAddress Address { get; }
    public EnterpriseNumber? EnterpriseNumber { get; }
    public string? VatNumber { get; }
    public string? Email { get; }
    public PeppolEndpoint Endpoint { get; }
    public BankAccount? BankAccount { get; }
}
