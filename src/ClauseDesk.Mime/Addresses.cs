using System.Text;

namespace ClauseDesk.Mime;

/// <summary>One mailbox: a display name (decoded, may be null) and an address local@domain.</summary>
public sealed record MailboxAddress(string? Name, string Address)
{
    /// <summary>The group ("Undisclosed recipients") this mailbox was listed in, or null.</summary>
    public string? Group { get; init; }

    /// <summary>The part before the last '@'.</summary>
    public string LocalPart => Address.LastIndexOf('@') is var at and >= 0 ? Address[..at] : Address;

    /// <summary>The part after the last '@', or empty.</summary>
    public string Domain => Address.LastIndexOf('@') is var at and >= 0 ? Address[(at + 1)..] : string.Empty;

    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Name) ? Address : $"{Name} <{Address}>";
}

/// <summary>
/// Reads RFC 5322 address lists as mail really writes them: display names quoted or not and
/// encoded, comments, groups, routes and other obsolete forms, a name in a trailing comment. What
/// cannot be read is skipped up to the next comma, with a defect.
/// </summary>
public static class AddressParser
{
    /// <summary>The mailboxes in an address list (groups flattened). Never throws.</summary>
    public static IReadOnlyList<MailboxAddress> Parse(string text) => Parse(text, new DefectSink(), "an address list");

    internal static IReadOnlyList<MailboxAddress> Parse(string text, DefectSink defects, string where)
    {
        var tokens = Tokenize(text, defects, where);
        var result = new List<MailboxAddress>();
        var position = 0;
        string? group = null;
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token.Kind == TokenKind.Special && token.Text is "," or ";")
            {
                if (token.Text == ";")
                {
                    group = null;
                }
                position++;
                continue;
            }
            var start = position;
            var read = TryReadMailbox(tokens, ref position, group, defects, where, out var mailbox, out var groupName);
            if (read && groupName is not null)
            {
                group = groupName;
                continue;
            }
            if (read && mailbox!.Address.Length > 0)
            {
                result.Add(mailbox);
            }
            if (position < tokens.Count && !IsSeparator(tokens[position]))
            {
                // Junk: skip to the next separator, from where the mailbox started if none was read.
                var junk = new StringBuilder();
                position = read ? position : start;
                while (position < tokens.Count && !IsSeparator(tokens[position]))
                {
                    junk.Append(tokens[position].Text).Append(' ');
                    position++;
                }
                defects.Add(MimeDefectKind.InvalidAddress, $"{where} holds \"{Charsets.Shorten(junk.ToString().Trim())}\", which is no address");
            }
            else if (!read)
            {
                var junk = string.Join(' ', tokens.Skip(start).Take(position - start).Select(t => t.Text));
                defects.Add(MimeDefectKind.InvalidAddress, $"{where} holds \"{Charsets.Shorten(junk)}\", which is no address");
            }
        }
        return result;
    }

    private static bool IsSeparator(Token token) => token.Kind == TokenKind.Special && token.Text is "," or ";";

    private static bool TryReadMailbox(List<Token> tokens, ref int position, string? group, DefectSink defects, string where, out MailboxAddress? mailbox, out string? groupName)
    {
        mailbox = null;
        groupName = null;
        var phrase = new List<Token>();
        string? lastComment = null;
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token.Kind == TokenKind.Comment)
            {
                lastComment = token.Text;
                position++;
                continue;
            }
            if (token.Kind == TokenKind.Special && token.Text is "<" or ":" or "@" or "," or ";")
            {
                break;
            }
            phrase.Add(token);
            position++;
        }
        if (position >= tokens.Count || IsSeparator(tokens[position]))
        {
            // A bare word list: an address without '@' is no mailbox the desk can answer.
            return false;
        }
        var special = tokens[position].Text;
        if (special == ":")
        {
            position++;
            groupName = Phrase(phrase);
            if (groupName.Length == 0)
            {
                groupName = "group";
            }
            return true;
        }
        if (special == "<")
        {
            position++;
            if (!TryReadAngleAddress(tokens, ref position, out var address))
            {
                return false;
            }
            var name = Phrase(phrase);
            if (name.Length == 0 && lastComment is not null)
            {
                name = lastComment;
            }
            mailbox = new MailboxAddress(name.Length == 0 ? null : EncodedWords.Decode(name), address) { Group = group };
            // Trailing comments after '>' are ignored.
            while (position < tokens.Count && tokens[position].Kind == TokenKind.Comment)
            {
                position++;
            }
            return true;
        }
        // '@': the phrase was the local part of an addr-spec.
        if (phrase.Count == 0)
        {
            return false;
        }
        // "John Doe john@example.com": words before the last blank are a name written without <>.
        var split = 0;
        for (var k = phrase.Count - 1; k > 0; k--)
        {
            if (phrase[k].SpaceBefore)
            {
                split = k;
                break;
            }
        }
        var nameWords = phrase.Take(split).ToList();
        var local = LocalPart(phrase.Skip(split).ToList());
        position++;
        if (!TryReadDomain(tokens, ref position, out var domain, out var comment))
        {
            return false;
        }
        string? displayName = comment ?? lastComment;
        if (nameWords.Count > 0)
        {
            defects.Add(MimeDefectKind.InvalidAddress, $"{where} gives \"{Charsets.Shorten(Phrase(nameWords))}\" before {local}@{domain} without angle brackets");
            displayName = Phrase(nameWords);
        }
        mailbox = new MailboxAddress(displayName is null ? null : EncodedWords.Decode(displayName), $"{local}@{domain}") { Group = group };
        return true;
    }

    private static bool TryReadAngleAddress(List<Token> tokens, ref int position, out string address)
    {
        address = string.Empty;
        // Obsolete route: <@a.example,@b.example:user@c.example>
        var routeEnd = -1;
        for (var k = position; k < tokens.Count && tokens[k].Text != ">"; k++)
        {
            if (tokens[k].Kind == TokenKind.Special && tokens[k].Text == ":")
            {
                routeEnd = k;
                break;
            }
            if (tokens[k].Kind != TokenKind.Special && tokens[k].Kind != TokenKind.Comment && k == position)
            {
                break; // starts with a word: no route
            }
        }
        if (routeEnd >= 0 && position < tokens.Count && tokens[position].Text == "@")
        {
            position = routeEnd + 1;
        }
        var local = new List<Token>();
        while (position < tokens.Count && !(tokens[position].Kind == TokenKind.Special && tokens[position].Text is "@" or ">" or "," or ";" or "<"))
        {
            if (tokens[position].Kind != TokenKind.Comment)
            {
                local.Add(tokens[position]);
            }
            position++;
        }
        if (position < tokens.Count && tokens[position].Text == ">")
        {
            position++;
            if (local.Count == 0)
            {
                address = string.Empty; // <> the null sender
                return true;
            }
            address = LocalPart(local); // <postmaster>: no domain
            return true;
        }
        if (position >= tokens.Count || tokens[position].Text != "@" || local.Count == 0)
        {
            return false;
        }
        position++;
        if (!TryReadDomain(tokens, ref position, out var domain, out _))
        {
            return false;
        }
        address = $"{LocalPart(local)}@{domain}";
        if (position < tokens.Count && tokens[position].Text == ">")
        {
            position++;
            return true;
        }
        // A missing '>' at the end of the list is tolerated.
        return position >= tokens.Count || IsSeparator(tokens[position]);
    }

    private static bool TryReadDomain(List<Token> tokens, ref int position, out string domain, out string? comment)
    {
        var builder = new StringBuilder();
        comment = null;
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token.Kind == TokenKind.Comment)
            {
                comment ??= token.Text;
                position++;
                continue;
            }
            if (token.Kind == TokenKind.Special && token.Text != ".")
            {
                break;
            }
            if (token.Kind == TokenKind.Quoted)
            {
                break;
            }
            builder.Append(token.Text);
            position++;
        }
        domain = builder.ToString().Trim('.');
        return domain.Length > 0;
    }

    private static string LocalPart(List<Token> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Quoted)
            {
                var needsQuotes = token.Text.Length == 0 || token.Text.Any(c => c <= ' ' || "()<>[]:;@\\,\"".Contains(c, StringComparison.Ordinal));
                builder.Append(needsQuotes ? $"\"{token.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : token.Text);
            }
            else
            {
                builder.Append(token.Text);
            }
        }
        return builder.ToString();
    }

    private static string Phrase(List<Token> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            if (builder.Length > 0 && !(token.Kind == TokenKind.Special && token.Text == ".") && token.SpaceBefore)
            {
                builder.Append(' ');
            }
            builder.Append(token.Text);
        }
        return builder.ToString().Trim();
    }

    private enum TokenKind
    {
        Atom,
        Quoted,
        Comment,
        DomainLiteral,
        Special,
    }

    private sealed record Token(TokenKind Kind, string Text, bool SpaceBefore);

    private static List<Token> Tokenize(string text, DefectSink defects, string where)
    {
        var tokens = new List<Token>();
        var i = 0;
        var space = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }
            if (c == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var d = text[i++];
                    if (d == '\\' && i < text.Length)
                    {
                        builder.Append(text[i++]);
                    }
                    else if (d == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        builder.Append(d);
                    }
                }
                if (!closed)
                {
                    defects.Add(MimeDefectKind.InvalidAddress, $"{where} has a quoted string that is not closed");
                }
                tokens.Add(new Token(TokenKind.Quoted, builder.ToString(), space));
            }
            else if (c == '(')
            {
                var builder = new StringBuilder();
                var depth = 1;
                i++;
                while (i < text.Length && depth > 0)
                {
                    var d = text[i++];
                    if (d == '\\' && i < text.Length)
                    {
                        builder.Append(text[i++]);
                        continue;
                    }
                    if (d == '(')
                    {
                        depth++;
                    }
                    else if (d == ')' && --depth == 0)
                    {
                        break;
                    }
                    builder.Append(d);
                }
                if (depth > 0)
                {
                    defects.Add(MimeDefectKind.InvalidAddress, $"{where} has a comment that is not closed");
                }
                tokens.Add(new Token(TokenKind.Comment, builder.ToString().Trim(), space));
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i);
                end = end < 0 ? text.Length : end + 1;
                tokens.Add(new Token(TokenKind.DomainLiteral, text[i..end], space));
                i = end;
            }
            else if (c is '<' or '>' or '@' or ',' or ';' or ':' or '.' or ']' or ')' or '\\')
            {
                tokens.Add(new Token(TokenKind.Special, c.ToString(), space));
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '(' or '[' or '<' or '>' or '@' or ',' or ';' or ':' or '.' or ']' or ')' or '\\'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Atom, text[start..i], space));
            }
            space = false;
        }
        return tokens;
    }
}
