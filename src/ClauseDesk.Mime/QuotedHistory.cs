using System.Text.RegularExpressions;

namespace ClauseDesk.Mime;

/// <summary>The new text of a reply and the history it quotes. The desk shows the first and keeps both.</summary>
public sealed record QuotedSplit(string NewPart, string History)
{
    /// <summary>True when some history was found.</summary>
    public bool HasHistory => History.Length > 0;
}

/// <summary>
/// Finds where a reply's quoted history starts: lines starting with '>', or a reply header in
/// English, Dutch or French ("On … wrote:", "Op … schreef …:", "Le … a écrit :"), Outlook's
/// "-----Original Message-----" and its header block ("From: … Sent: …", "Van: … Verzonden: …",
/// "De : … Envoyé : …").
/// </summary>
public static partial class QuotedHistory
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    // "On Mon, 2 Jan 2006 at 15:04, Jan <jan@x> wrote:" — also "On … Jan <jan@x>\nwrote:" joined.
    [GeneratedRegex(@"^\s*On\s.{1,400}\swrote\s*:\s*$", Options)]
    private static partial Regex EnglishAttribution();

    // "Op ma 2 jan. 2006 om 15:04 schreef Jan <jan@x>:" and "Jan <jan@x> schreef op 2 jan. 2006 15:04:"
    [GeneratedRegex(@"^\s*(Op\s.{1,400}\sschreef\s.{0,300}|.{1,300}\sschreef\sop\s.{1,300}):\s*$", Options)]
    private static partial Regex DutchAttribution();

    // "Le lun. 2 janv. 2006 à 15:04, Jean <jean@x> a écrit :"
    [GeneratedRegex(@"^\s*Le\s.{1,400}\sa\s+écrit\s*:\s*$", Options)]
    private static partial Regex FrenchAttribution();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht|Message d'origine|Forwarded message|Doorgestuurd bericht|Message transféré)\s*-{2,}\s*$", Options)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*\*?(From|Van|De)\s*:\*?\s*\S", Options)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^\s*\*?(Sent|Date|Verzonden|Datum|Envoyé|Envoyé le)\s*:\*?\s*\S", Options)]
    private static partial Regex SentLine();

    [GeneratedRegex(@"^\s*_{10,}\s*$", Options)]
    private static partial Regex Rule();

    /// <summary>Splits a reply into its new part and its quoted history. Never throws.</summary>
    public static QuotedSplit Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new QuotedSplit(string.Empty, string.Empty);
        }
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = normalised.Split('\n');
        var start = FindHistoryStart(lines, out var headerFound);
        if (start < 0)
        {
            return new QuotedSplit(normalised.TrimEnd(), string.Empty);
        }
        if (!headerFound)
        {
            // The history begins with quoted lines. If new, unquoted text follows the quote
            // (an answer below or between quotes), the new part is every unquoted line.
            var after = lines.Skip(start).Where(l => !IsQuoted(l) && !string.IsNullOrWhiteSpace(l)).ToList();
            var laterHeader = FindHistoryStart(lines.Skip(start).Where(l => !IsQuoted(l)).ToArray(), out var laterIsHeader);
            if (after.Count > 0 && !(laterHeader >= 0 && laterIsHeader))
            {
                var fresh = string.Join('\n', lines.Where(l => !IsQuoted(l))).Trim('\n').TrimEnd();
                var quoted = string.Join('\n', lines.Where(IsQuoted));
                return new QuotedSplit(fresh, quoted);
            }
        }
        var newPart = string.Join('\n', lines.Take(start)).TrimEnd();
        var history = string.Join('\n', lines.Skip(start)).Trim('\n').TrimEnd();
        return new QuotedSplit(newPart, history);
    }

    private static bool IsQuoted(string line) => line.TrimStart(' ').StartsWith('>');

    private static int FindHistoryStart(string[] lines, out bool header)
    {
        header = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 2000)
            {
                continue;
            }
            if (IsQuoted(line))
            {
                // An attribution right above the quote belongs to the history.
                return i;
            }
            if (IsAttribution(line) || Separator().IsMatch(line))
            {
                header = true;
                return i;
            }
            // An attribution wrapped over two or three lines.
            var trimmed = line.TrimStart();
            if ((trimmed.StartsWith("On ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("Op ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("Le ", StringComparison.OrdinalIgnoreCase))
                && i + 1 < lines.Length)
            {
                var joined = line;
                for (var k = i + 1; k < Math.Min(lines.Length, i + 3); k++)
                {
                    if (string.IsNullOrWhiteSpace(lines[k]) || lines[k].Length > 500)
                    {
                        break;
                    }
                    joined += " " + lines[k].Trim();
                    if (IsAttribution(joined))
                    {
                        header = true;
                        return i;
                    }
                }
            }
            if (FromLine().IsMatch(line) || Rule().IsMatch(line))
            {
                // Outlook's header block: a From line with a Sent/Date line within the next lines.
                var from = FromLine().IsMatch(line) ? i : i + 1;
                if (from < lines.Length && FromLine().IsMatch(lines[from]))
                {
                    for (var k = from + 1; k < Math.Min(lines.Length, from + 6); k++)
                    {
                        if (SentLine().IsMatch(lines[k]))
                        {
                            header = true;
                            return i;
                        }
                    }
                }
            }
        }
        return -1;
    }

    private static bool IsAttribution(string line) =>
        line.Length <= 1000 && (EnglishAttribution().IsMatch(line) || DutchAttribution().IsMatch(line) || FrenchAttribution().IsMatch(line));
}
