namespace ClauseDesk.Imap;

/// <summary>Base of every error the IMAP client reports about the server or the connection.</summary>
public abstract class ImapException : Exception
{
    private protected ImapException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// The server answered a command with NO (it refused) or BAD (it did not understand). The
/// connection stays usable.
/// </summary>
public class ImapCommandException : ImapException
{
    internal ImapCommandException(string command, string status, string? responseCode, string serverText)
        : base($"IMAP {command} failed: {status} {(responseCode is null ? "" : $"[{responseCode}] ")}{serverText}".TrimEnd())
    {
        Command = command;
        Status = status;
        ResponseCode = responseCode;
        ServerText = serverText;
    }

    /// <summary>The command name, e.g. "SELECT" or "UID FETCH" (never its arguments, which may hold a password).</summary>
    public string Command { get; }

    /// <summary>"NO" or "BAD".</summary>
    public string Status { get; }

    /// <summary>The response code the server gave, e.g. "AUTHENTICATIONFAILED" or "TRYCREATE"; null when none.</summary>
    public string? ResponseCode { get; }

    /// <summary>The human-readable text of the server's reply.</summary>
    public string ServerText { get; }
}

/// <summary>LOGIN or AUTHENTICATE was refused: wrong credentials, or the account may not log in.</summary>
public sealed class ImapAuthenticationException : ImapCommandException
{
    internal ImapAuthenticationException(string command, string status, string? responseCode, string serverText)
        : base(command, status, responseCode, serverText)
    {
    }
}

/// <summary>
/// The connection failed: it closed, the server sent something that is not IMAP, or a reply broke a
/// limit. The client cannot be used any more; connect again.
/// </summary>
public sealed class ImapProtocolException : ImapException
{
    internal ImapProtocolException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
