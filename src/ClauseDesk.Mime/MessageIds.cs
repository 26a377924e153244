using System.Text;

namespace ClauseDesk.Mime;

/// <summary>Message-ID, In-Reply-To and References: ids without their angle brackets.</summary>
public static class MessageIds
{
    /// <summary>The ids in a header, in order, without angle brackets. Never throws.</summary>
    public static IReadOnlyList<string> Parse(string? text) => Parse(text, new DefectSink(), "an id header");

    internal static IReadOnlyList<string> Parse(string? text, DefectSink defects, string where)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return ids;
        }
        var i = 0;
        var sawBracket = false;
        var outside = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '(')
            {
                var depth = 0;
                while (i < text.Length)
                {
                    var d = text[i++];
                    if (d == '(')
                    {
                        depth++;
                    }
                    else if (d == ')' && --depth == 0)
                    {
                        break;
                    }
                }
                continue;
            }
            if (c == '<')
            {
                sawBracket = true;
                var close = text.IndexOf('>', i + 1);
                var next = text.IndexOf('<', i + 1);
                if (close < 0 || (next >= 0 && next < close))
                {
                    defects.Add(MimeDefectKind.InvalidMessageId, $"{where} has an id without its closing '>'");
                    var stop = next >= 0 ? next : text.Length;
                    Add(ids, text[(i + 1)..stop]);
                    i = stop;
                    continue;
                }
                Add(ids, text[(i + 1)..close]);
                i = close + 1;
                continue;
            }
            outside.Append(c);
            i++;
        }
        if (!sawBracket)
        {
            // Some senders write ids without brackets: keep the words that look like ids.
            foreach (var word in outside.ToString().Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Contains('@', StringComparison.Ordinal))
                {
                    Add(ids, word);
                }
            }
            defects.Add(MimeDefectKind.InvalidMessageId, ids.Count == 0
                ? $"{where} \"{Charsets.Shorten(text)}\" holds no id"
                : $"{where} writes its ids without angle brackets");
        }
        return ids;
    }

    private static void Add(List<string> ids, string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (!char.IsWhiteSpace(c) && c != '"')
            {
                builder.Append(c);
            }
        }
        if (builder.Length > 0 && ids.Count < 1000)
        {
            ids.Add(builder.ToString());
        }
    }

    /// <summary>A new id: random and unique, at the given domain ("a1b2…@desk.example").</summary>
    public static string Create(string domain)
    {
        Span<byte> random = stackalloc byte[12];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        return $"{stamp}.{Convert.ToHexStringLower(random)}@{domain}";
    }
}
