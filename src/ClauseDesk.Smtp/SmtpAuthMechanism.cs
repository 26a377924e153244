namespace ClauseDesk.Smtp;

/// <summary>The SASL mechanisms <see cref="SmtpClient.AuthenticateAsync"/> speaks.</summary>
public enum SmtpAuthMechanism
{
    /// <summary>PLAIN (RFC 4616): user name and password in one base64 response.</summary>
    Plain,

    /// <summary>LOGIN: user name and password in two base64 responses, for servers without PLAIN.</summary>
    Login,
}
