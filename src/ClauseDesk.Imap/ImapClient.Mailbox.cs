using System.Globalization;

namespace ClauseDesk.Imap;

/// <summary>Commands on mailboxes and messages.</summary>
public sealed partial class ImapClient
{
    /// <summary>Most UIDs in one command, so that a command line stays short for every server.</summary>
    private const int UidsPerCommand = 500;

    /// <summary>Opens a mailbox read-write (SELECT); later message commands apply to it.</summary>
    /// <exception cref="ImapCommandException">The mailbox does not exist or cannot be opened.</exception>
    public Task<ImapMailbox> SelectAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("SELECT", mailbox, cancellationToken);

    /// <summary>Opens a mailbox read-only (EXAMINE): nothing, not even \Seen, changes.</summary>
    /// <exception cref="ImapCommandException">The mailbox does not exist or cannot be opened.</exception>
    public Task<ImapMailbox> ExamineAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("EXAMINE", mailbox, cancellationToken);

    /// <summary>Creates a mailbox (CREATE).</summary>
    /// <exception cref="ImapCommandException">The server refused, e.g. because it exists (code ALREADYEXISTS).</exception>
    public Task CreateMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        EnsureAuthenticated();
        return RunAsync(new ImapCommand("CREATE").Space().Text(QuoteMailbox(mailbox)), null, cancellationToken);
    }

    /// <summary>UIDs of the messages in the selected mailbox that match, in ascending order (UID SEARCH).</summary>
    /// <exception cref="InvalidOperationException">No mailbox is selected.</exception>
    public async Task<IReadOnlyList<uint>> SearchAsync(ImapSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        EnsureSelected();
        var uids = new SortedSet<uint>();
        await RunAsync(
            new ImapCommand("UID SEARCH").Space().Text(search.Criteria),
            response =>
            {
                if (response.Name == "SEARCH")
                {
                    foreach (var value in response.Values)
                    {
                        var uid = value.AsNumber();
                        if (uid >= search.MinimumUid)
                        {
                            uids.Add(uid);
                        }
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
        return [.. uids];
    }

    /// <summary>
    /// Fetches whole messages by UID (UID FETCH of UID, RFC822.SIZE, FLAGS, INTERNALDATE and
    /// BODY.PEEK[]; PEEK leaves \Seen alone). UIDs that no longer exist are left out; the result is in
    /// ascending UID order. Every message is held in memory whole: fetch large mailboxes a few UIDs at
    /// a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">No mailbox is selected.</exception>
    /// <exception cref="ImapProtocolException">A message is larger than <see cref="ImapClientOptions.MaxLiteralSize"/>, or the connection failed.</exception>
    public async Task<IReadOnlyList<ImapMessage>> FetchAsync(IEnumerable<uint> uids, CancellationToken cancellationToken = default)
    {
        var sorted = SortedUids(uids);
        EnsureSelected();
        var messages = new SortedDictionary<uint, ImapMessage>();
        foreach (var chunk in sorted.Chunk(UidsPerCommand))
        {
            // A server may split one message's items over several FETCH responses: merge by sequence number.
            var partial = new Dictionary<uint, FetchItems>();
            await RunAsync(
                new ImapCommand("UID FETCH").Space().Text(ImapCommand.UidSet(chunk))
                    .Text(" (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])"),
                response =>
                {
                    if (response.Name == "FETCH" && response.Number is { } sequence && response.Values.Count > 0)
                    {
                        if (!partial.TryGetValue(sequence, out var items))
                        {
                            partial[sequence] = items = new FetchItems();
                        }

                        items.Read(response.Values[0].AsList());
                    }
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var items in partial.Values)
            {
                if (items.Uid is { } uid && items.Body is { } body)
                {
                    messages[uid] = new ImapMessage(uid, items.Size ?? body.Length, items.Flags ?? [], items.InternalDate, body);
                }
            }
        }

        return [.. messages.Values];
    }

    /// <summary>Adds flags or keywords to messages (UID STORE +FLAGS.SILENT), e.g. <see cref="ImapFlags.Seen"/>.</summary>
    /// <exception cref="ArgumentException">A flag is not a valid IMAP flag or keyword.</exception>
    /// <exception cref="ImapCommandException">The server refused (a read-only mailbox, a keyword it does not allow).</exception>
    public Task AddFlagsAsync(IEnumerable<uint> uids, IEnumerable<string> flags, CancellationToken cancellationToken = default) =>
        StoreAsync("+FLAGS.SILENT", uids, flags, cancellationToken);

    /// <summary>Removes flags or keywords from messages (UID STORE -FLAGS.SILENT).</summary>
    /// <exception cref="ArgumentException">A flag is not a valid IMAP flag or keyword.</exception>
    public Task RemoveFlagsAsync(IEnumerable<uint> uids, IEnumerable<string> flags, CancellationToken cancellationToken = default) =>
        StoreAsync("-FLAGS.SILENT", uids, flags, cancellationToken);

    /// <summary>Copies messages to another mailbox (UID COPY).</summary>
    /// <exception cref="ImapCommandException">The target does not exist (code TRYCREATE) or the server refused.</exception>
    public async Task CopyAsync(IEnumerable<uint> uids, string targetMailbox, CancellationToken cancellationToken = default)
    {
        var sorted = SortedUids(uids);
        EnsureSelected();
        foreach (var chunk in sorted.Chunk(UidsPerCommand))
        {
            await RunAsync(
                new ImapCommand("UID COPY").Space().Text(ImapCommand.UidSet(chunk)).Space().Text(QuoteMailbox(targetMailbox)),
                null,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves messages to another mailbox with UID MOVE (RFC 6851). Without MOVE the server is asked to
    /// copy, flag \Deleted and UID EXPUNGE (RFC 4315), which removes only these messages; without
    /// UIDPLUS either, moving is refused rather than expunging other messages someone deleted.
    /// </summary>
    /// <exception cref="NotSupportedException">The server offers neither MOVE nor UIDPLUS.</exception>
    /// <exception cref="ImapCommandException">The target does not exist (code TRYCREATE) or the server refused.</exception>
    public async Task MoveAsync(IEnumerable<uint> uids, string targetMailbox, CancellationToken cancellationToken = default)
    {
        var sorted = SortedUids(uids);
        EnsureSelected();
        var move = HasCapability("MOVE");
        if (!move && !HasCapability("UIDPLUS"))
        {
            throw new NotSupportedException("The server offers neither MOVE nor UIDPLUS; messages cannot be moved safely.");
        }

        foreach (var chunk in sorted.Chunk(UidsPerCommand))
        {
            var set = ImapCommand.UidSet(chunk);
            if (move)
            {
                await RunAsync(
                    new ImapCommand("UID MOVE").Space().Text(set).Space().Text(QuoteMailbox(targetMailbox)),
                    null,
                    cancellationToken).ConfigureAwait(false);
                continue;
            }

            await RunAsync(
                new ImapCommand("UID COPY").Space().Text(set).Space().Text(QuoteMailbox(targetMailbox)),
                null,
                cancellationToken).ConfigureAwait(false);
            await RunAsync(new ImapCommand("UID STORE").Space().Text(set).Text(" +FLAGS.SILENT (\\Deleted)"), null, cancellationToken)
                .ConfigureAwait(false);
            await RunAsync(new ImapCommand("UID EXPUNGE").Space().Text(set), null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a message in a mailbox (APPEND). The mailbox need not be selected.
    /// </summary>
    /// <param name="mailbox">The target mailbox.</param>
    /// <param name="message">The whole message, CRLF line endings.</param>
    /// <param name="flags">Flags to set on it; none by default.</param>
    /// <param name="internalDate">The date to record as received; the server's clock by default.</param>
    /// <param name="cancellationToken">Cancels the command (and breaks the connection).</param>
    /// <returns>The new message's UID when the server tells it (UIDPLUS); null otherwise.</returns>
    /// <exception cref="ImapCommandException">The mailbox does not exist (code TRYCREATE) or the server refused.</exception>
    public async Task<uint?> AppendAsync(
        string mailbox,
        ReadOnlyMemory<byte> message,
        IEnumerable<string>? flags = null,
        DateTimeOffset? internalDate = null,
        CancellationToken cancellationToken = default)
    {
        EnsureAuthenticated();
        var command = new ImapCommand("APPEND").Space().Text(QuoteMailbox(mailbox));
        var flagList = ValidFlags(flags ?? [], nameof(flags));
        if (flagList.Count > 0)
        {
            command.Text(" (").Text(string.Join(' ', flagList)).Text(")");
        }

        if (internalDate is { } date)
        {
            command.Text(" \"").Text(FormatInternalDate(date)).Text("\"");
        }

        command.Space().Literal(message);
        var response = await RunAsync(command, null, cancellationToken).ConfigureAwait(false);
        // [APPENDUID uidvalidity uid]
        return response.Code is { Name: "APPENDUID", Arguments.Count: >= 2 } code ? code.Arguments[1].AsNumber() : null;
    }

    private async Task<ImapMailbox> OpenAsync(string verb, string mailbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        EnsureAuthenticated();
        // Until the new mailbox is open, nothing is selected (a failed SELECT closes the previous one).
        SelectedMailbox = null;
        uint exists = 0, uidValidity = 0;
        uint? uidNext = null;
        var response = await RunAsync(
            new ImapCommand(verb).Space().Text(QuoteMailbox(mailbox)),
            untagged =>
            {
                if (untagged.Name == "EXISTS" && untagged.Number is { } count)
                {
                    exists = count;
                }

                switch (untagged.Code)
                {
                    case { Name: "UIDVALIDITY", Arguments.Count: >= 1 } code:
                        uidValidity = code.Arguments[0].AsNumber();
                        break;
                    case { Name: "UIDNEXT", Arguments.Count: >= 1 } code:
                        uidNext = code.Arguments[0].AsNumber();
                        break;
                }
            },
            cancellationToken).ConfigureAwait(false);
        var readOnly = verb == "EXAMINE" || response.Code?.Name == "READ-ONLY";
        SelectedMailbox = new ImapMailbox(mailbox, uidValidity, uidNext, exists, readOnly);
        return SelectedMailbox;
    }

    private async Task StoreAsync(string operation, IEnumerable<uint> uids, IEnumerable<string> flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var sorted = SortedUids(uids);
        var flagList = ValidFlags(flags, nameof(flags));
        EnsureSelected();
        if (flagList.Count == 0)
        {
            return;
        }

        foreach (var chunk in sorted.Chunk(UidsPerCommand))
        {
            await RunAsync(
                new ImapCommand("UID STORE").Space().Text(ImapCommand.UidSet(chunk)).Space().Text(operation)
                    .Text(" (").Text(string.Join(' ', flagList)).Text(")"),
                null,
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static uint[] SortedUids(IEnumerable<uint> uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        var sorted = uids.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("At least one UID is needed.", nameof(uids));
        }

        if (sorted[0] == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(uids), "UIDs start at 1.");
        }

        return sorted;
    }

    /// <summary>System flags (\Seen) and keywords (atoms without the characters IMAP reserves).</summary>
    private static List<string> ValidFlags(IEnumerable<string> flags, string parameter)
    {
        var list = new List<string>();
        foreach (var flag in flags)
        {
            var name = flag.StartsWith('\\') ? flag[1..] : flag;
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7F || "(){%*\"\\]".Contains(c)))
            {
                throw new ArgumentException($"'{flag}' is not a valid IMAP flag or keyword.", parameter);
            }

            list.Add(flag);
        }

        return list;
    }

    private string QuoteMailbox(string mailbox)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        if (mailbox.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new ArgumentException("A mailbox name cannot hold CR, LF or NUL.", nameof(mailbox));
        }

        // UTF-8 names need ENABLE UTF8=ACCEPT (RFC 6855), which we do not send: modified UTF-7 works everywhere.
        var encoded = ModifiedUtf7.Encode(mailbox);
        return "\"" + encoded.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private void EnsureAuthenticated()
    {
        if (!IsAuthenticated)
        {
            throw new InvalidOperationException("Log in first.");
        }
    }

    private void EnsureSelected()
    {
        if (SelectedMailbox is null)
        {
            throw new InvalidOperationException("Select a mailbox first.");
        }
    }

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>"22-Nov-2026 07:54:37 +0100" (RFC 3501 date-time).</summary>
    internal static string FormatInternalDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{date.Day:D2}-{Months[date.Month - 1]}-{date.Year:D4} {date:HH:mm:ss} {sign}{offset.Hours:D2}{offset.Minutes:D2}");
    }

    /// <summary>Reads "22-Nov-2026 07:54:37 +0100" or " 2-Nov-2026 …"; null when it is not one.</summary>
    internal static DateTimeOffset? ParseInternalDate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3)
        {
            return null;
        }

        var date = fields[0].Split('-');
        var time = fields[1].Split(':');
        var zone = fields[2];
        if (date.Length != 3 || time.Length != 3 || zone.Length != 5 || zone[0] is not ('+' or '-')
            || Array.IndexOf(Months, date[1]) is var month && month < 0
            || !TryNumber(date[0], out var day) || !TryNumber(date[2], out var year)
            || !TryNumber(time[0], out var hour) || !TryNumber(time[1], out var minute) || !TryNumber(time[2], out var second)
            || !TryNumber(zone[1..], out var hhmm))
        {
            return null;
        }

        var offset = new TimeSpan(hhmm / 100, hhmm % 100, 0);
        try
        {
            return new DateTimeOffset(year, month + 1, day, hour, minute, second, zone[0] == '-' ? -offset : offset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>The items of one message's FETCH responses.</summary>
    private sealed class FetchItems
    {
        public uint? Uid { get; private set; }

        public long? Size { get; private set; }

        public IReadOnlyList<string>? Flags { get; private set; }

        public DateTimeOffset? InternalDate { get; private set; }

        public byte[]? Body { get; private set; }

        public void Read(IReadOnlyList<ImapValue> pairs)
        {
            for (var i = 0; i + 1 < pairs.Count; i += 2)
            {
                var value = pairs[i + 1];
                switch (pairs[i].AsText()?.ToUpperInvariant())
                {
                    case "UID":
                        Uid = value.AsNumber();
                        break;
                    case "RFC822.SIZE":
                        Size = value.AsNumber();
                        break;
                    case "FLAGS":
                        Flags = [.. value.AsList().Select(f => f.AsText() ?? "")];
                        break;
                    case "INTERNALDATE":
                        InternalDate = ParseInternalDate(value.AsText());
                        break;
                    case "BODY[]":
                        Body = value.Kind == ImapValueKind.String ? value.Bytes : [];
                        break;
                }
            }
        }
    }
}
