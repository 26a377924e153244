namespace ClauseDesk.Smtp;

/// <summary>The outcome of <see cref="SmtpClient.SendAsync"/> when the server took the message.</summary>
/// <param name="Accepted">Recipients the server accepted, in the order given.</param>
/// <param name="Refused">Recipients the server refused, with its reply; empty when all were accepted.</param>
/// <param name="Reply">The server's reply to the end of DATA (usually 250 with a queue id).</param>
public sealed record SmtpSendResult(IReadOnlyList<string> Accepted, IReadOnlyList<SmtpRecipientRefusal> Refused, SmtpReply Reply);

/// <summary>A recipient the server refused at RCPT TO.</summary>
/// <param name="Address">The address as given.</param>
/// <param name="Reply">The refusal: 4xx (try this recipient again later) or 5xx (give up on it).</param>
public sealed record SmtpRecipientRefusal(string Address, SmtpReply Reply);
