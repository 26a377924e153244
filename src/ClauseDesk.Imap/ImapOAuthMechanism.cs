namespace ClauseDesk.Imap;

/// <summary>The SASL mechanisms <see cref="ImapClient.AuthenticateOAuthAsync"/> can carry an OAuth 2.0 access token in.</summary>
public enum ImapOAuthMechanism
{
    /// <summary>OAUTHBEARER (RFC 7628), the standard one; Microsoft 365 and Google accept it.</summary>
    OAuthBearer,

    /// <summary>XOAUTH2, Google's and Microsoft's older mechanism, for servers without OAUTHBEARER.</summary>
    XOAuth2,
}
