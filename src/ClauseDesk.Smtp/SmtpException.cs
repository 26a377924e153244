namespace ClauseDesk.Smtp;

/// <summary>Base of every error the SMTP client reports about the server or the connection.</summary>
public abstract class SmtpException : Exception
{
    private protected SmtpException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>
    /// Whether trying again later may succeed: a 4xx reply, or a connection that failed. False for a
    /// 5xx reply, which will fail the same way again.
    /// </summary>
    public abstract bool IsTransient { get; }
}

/// <summary>The server answered a command with an error reply (4xx or 5xx), or an unexpected one.</summary>
public class SmtpCommandException : SmtpException
{
    internal SmtpCommandException(string command, SmtpReply reply)
        : base($"SMTP {command} failed: {reply}")
    {
        Command = command;
        Reply = reply;
    }

    /// <summary>The command verb, e.g. "MAIL FROM", "DATA" or "AUTH" (never credentials).</summary>
    public string Command { get; }

    /// <summary>The server's reply.</summary>
    public SmtpReply Reply { get; }

    /// <summary>The reply code.</summary>
    public int Code => Reply.Code;

    /// <summary>True for a 4xx reply; false for 5xx (and for an unexpected 2xx/3xx, which retrying will not fix).</summary>
    public override bool IsTransient => Reply.IsTransient;
}

/// <summary>AUTH was refused: wrong credentials (535), or the account may not send.</summary>
public sealed class SmtpAuthenticationException : SmtpCommandException
{
    internal SmtpAuthenticationException(SmtpReply reply)
        : base("AUTH", reply)
    {
    }
}

/// <summary>
/// Every recipient of a message was refused, so nothing was sent. <see cref="SmtpException.IsTransient"/>
/// is true when every refusal was a 4xx (all may be retried later).
/// </summary>
public sealed class SmtpRecipientsRefusedException : SmtpException
{
    internal SmtpRecipientsRefusedException(IReadOnlyList<SmtpRecipientRefusal> refusals)
        : base("SMTP: every recipient was refused: " + string.Join("; ", refusals.Select(r => $"<{r.Address}> {r.Reply}")))
    {
        Refusals = refusals;
    }

    /// <summary>One entry per recipient, in the order given.</summary>
    public IReadOnlyList<SmtpRecipientRefusal> Refusals { get; }

    /// <inheritdoc/>
    public override bool IsTransient => Refusals.All(r => r.Reply.IsTransient);
}

/// <summary>
/// The connection failed, closed, timed out or carried something that is not SMTP. Transient: the
/// message may or may not have been accepted if this happens after the end of DATA (RFC 5321 §6.1 —
/// a retry can duplicate it). The client cannot be used any more; connect again.
/// </summary>
public sealed class SmtpProtocolException : SmtpException
{
    internal SmtpProtocolException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
