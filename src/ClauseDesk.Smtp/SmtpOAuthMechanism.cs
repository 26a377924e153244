namespace ClauseDesk.Smtp;

/// <summary>The SASL mechanisms <see cref="SmtpClient.AuthenticateOAuthAsync"/> can carry an OAuth 2.0 access token in.</summary>
public enum SmtpOAuthMechanism
{
    /// <summary>OAUTHBEARER (RFC 7628), the standard one.</summary>
    OAuthBearer,

    /// <summary>XOAUTH2, the older mechanism of Google and Microsoft 365.</summary>
    XOAuth2,
}
