using System.Security.Cryptography;
using System.Text;

namespace ClauseDesk.Access;

/// <summary>
/// A bearer token for the API, stored hashed. The secret is shown once, at creation:
/// <c>cd_&lt;id&gt;_&lt;secret&gt;</c>. Tokens are 256 random bits, so a plain SHA-256 is the right hash
/// (a slow password hash protects guessable secrets, which these are not).
/// </summary>
public sealed class ApiToken
{
    private ApiToken()
    {
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid PersonId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The role the token acts with: at most the person's own.</summary>
    public Role Role { get; private set; }

    public string SecretHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Creates a token for a person; returns it with the text to hand out once.</summary>
    public static (ApiToken Token, string Text) Issue(Person person, string name, DateTimeOffset now, DateTimeOffset? expiresAt = null, Role? role = null)
    {
        var acting = role ?? person.Role;
        if (acting != person.Role && !(person.Role == Role.ProviderAdmin && acting == Role.Agent))
        {
            throw new DeskRuleException("role", $"a token acts with its person's role ({person.Role.Code()}) or less");
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            TenantId = person.TenantId,
            PersonId = person.Id,
            Name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim(),
            Role = acting,
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, $"cd_{token.Id:N}_{secret}");
    }

    /// <summary>Splits a presented token into its id and secret; false when it is not of our shape.</summary>
    public static bool TryRead(string text, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = "";
        var parts = text.Split('_');
        if (parts.Length != 3 || parts[0] != "cd" || !Guid.TryParseExact(parts[1], "N", out id) || parts[2].Length != 64)
        {
            return false;
        }

        secret = parts[2];
        return true;
    }

    /// <summary>Whether a presented secret opens this token at <paramref name="now"/>.</summary>
    public bool Accepts(string secret, DateTimeOffset now) =>
        RevokedAt is null
        && (ExpiresAt is null || ExpiresAt > now)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
