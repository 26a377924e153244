namespace ClauseDesk.Imap;

/// <summary>
/// One server response: "* ..." (untagged), "+ ..." (continuation) or "tag ..." (tagged), with its
/// literals already read.
/// </summary>
internal sealed class ImapResponse
{
    public required ImapResponseKind Kind { get; init; }

    /// <summary>The tag of a tagged response; null otherwise.</summary>
    public string? Tag { get; init; }

    /// <summary>
    /// Upper-case status or data name: OK, NO, BAD, BYE, PREAUTH, CAPABILITY, SEARCH, FLAGS, EXISTS,
    /// EXPUNGE, FETCH…; empty for a continuation.
    /// </summary>
    public string Name { get; init; } = "";

    /// <summary>The number before the name in "* 12 EXISTS" or "* 3 FETCH (...)"; null otherwise.</summary>
    public uint? Number { get; init; }

    /// <summary>The response code of a status response ("[UIDVALIDITY 3]"); null when none.</summary>
    public ImapResponseCode? Code { get; init; }

    /// <summary>The human-readable text of a status response or a continuation.</summary>
    public string Text { get; init; } = "";

    /// <summary>The data after the name of a data response (CAPABILITY, SEARCH, FETCH…).</summary>
    public IReadOnlyList<ImapValue> Values { get; init; } = [];

    public bool IsStatus => Name is "OK" or "NO" or "BAD" or "BYE" or "PREAUTH";
}

internal enum ImapResponseKind
{
    Untagged,
    Tagged,
    Continuation,
}

/// <summary>A response code: "[NAME arguments]".</summary>
internal sealed record ImapResponseCode(string Name, IReadOnlyList<ImapValue> Arguments, string Raw);
