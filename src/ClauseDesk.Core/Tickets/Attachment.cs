using System.Security.Cryptography;

namespace ClauseDesk.Tickets;

/// <summary>
/// A file on a ticket (a screenshot, seed 004 §6.5). Refused when larger than <see cref="MaxBytes"/>,
/// of a type not on the allow-list, or when its content is not what its type claims (an executable
/// called <c>photo.png</c>).
/// </summary>
public sealed class Attachment
{
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>Types we accept, with the leading bytes their content must start with (null: any text or none checked).</summary>
    private static readonly Dictionary<string, byte[][]?> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        ["image/jpeg"] = [[0xFF, 0xD8, 0xFF]],
        ["image/gif"] = [[0x47, 0x49, 0x46, 0x38]],
        ["application/pdf"] = [[0x25, 0x50, 0x44, 0x46, 0x2D]],
        ["application/zip"] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]],
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = [[0x50, 0x4B, 0x03, 0x04]],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [[0x50, 0x4B, 0x03, 0x04]],
        ["text/plain"] = null,
        ["text/csv"] = null,
        ["message/rfc822"] = null,
    };

    // Programs are refused whatever they are called.
    private static readonly byte[][] Executables = [[0x4D, 0x5A], [0x7F, 0x45, 0x4C, 0x46], [0x23, 0x21]];

    private Attachment()
    {
    }

    /// <exception cref="DeskRuleException">Empty, too large, a type we do not take, or content that does not match its type.</exception>
    public Attachment(Ticket ticket, Actor by, string fileName, string contentType, byte[] content, DateTimeOffset at)
    {
        if (content.Length == 0)
        {
            throw new DeskRuleException("file", "the file is empty");
        }

        if (content.Length > MaxBytes)
        {
            throw new DeskRuleException("file", $"files are at most {MaxBytes / 1024 / 1024} MB; this one is {content.Length / 1024.0 / 1024.0:0.0} MB");
        }

        var type = contentType.Split(';')[0].Trim();
        if (!Allowed.TryGetValue(type, out var signatures))
        {
            throw new DeskRuleException("contentType", $"'{type}' is not accepted; send {string.Join(", ", Allowed.Keys)}");
        }

        if (Executables.Any(e => StartsWith(content, e)) || (signatures is not null && !signatures.Any(s => StartsWith(content, s))))
        {
            throw new DeskRuleException("file", $"the content is not a {type} file");
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        Id = Guid.CreateVersion7();
        TenantId = ticket.TenantId;
        TicketId = ticket.Id;
        FileName = name.Length is > 0 and <= 200 ? name : "attachment";
        ContentType = type.ToLowerInvariant();
        Size = content.Length;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        Content = content;
        UploadedBy = by.Name;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid TicketId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    private static bool StartsWith(byte[] content, byte[] prefix) => content.AsSpan().StartsWith(prefix);
}
