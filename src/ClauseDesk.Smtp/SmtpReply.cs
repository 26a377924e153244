using System.Text.RegularExpressions;

namespace ClauseDesk.Smtp;

/// <summary>A server reply: a three-digit code and one or more lines of text (RFC 5321 §4.2).</summary>
public sealed partial class SmtpReply
{
    internal SmtpReply(int code, IReadOnlyList<string> lines)
    {
        Code = code;
        Lines = lines;
        var match = EnhancedCodePattern().Match(lines.Count > 0 ? lines[0] : "");
        EnhancedStatusCode = match.Success && match.Value[0] == (char)('0' + (code / 100)) ? match.Groups[1].Value : null;
    }

    /// <summary>The reply code, 200–599.</summary>
    public int Code { get; }

    /// <summary>The text of each line, without the code.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The enhanced status code (RFC 3463) the first line starts with, e.g. "5.1.1"; null when none.</summary>
    public string? EnhancedStatusCode { get; }

    /// <summary>4xx: the server could not do it now; trying again later may succeed.</summary>
    public bool IsTransient => Code is >= 400 and < 500;

    /// <summary>5xx: the server will not do it; trying again will fail the same way.</summary>
    public bool IsPermanent => Code >= 500;

    /// <summary>All lines joined by spaces.</summary>
    public string Text => string.Join(' ', Lines);

    /// <inheritdoc/>
    public override string ToString() => $"{Code} {Text}".TrimEnd();

    [GeneratedRegex(@"^([245]\.\d{1,3}\.\d{1,3})(?: |$)")]
    private static partial Regex EnhancedCodePattern();
}
