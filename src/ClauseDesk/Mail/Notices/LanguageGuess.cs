using System.Text.RegularExpressions;

namespace ClauseDesk.Mail.Notices;

/// <summary>
/// The language of a stranger's mail, when it is plain: its Content-Language, else counting a handful of
/// the commonest Dutch, French and English words. Null when it is not clear — the answer then goes out in
/// all three (ADR 0017).
/// </summary>
public static partial class LanguageGuess
{
    private static readonly Dictionary<string, HashSet<string>> Words = new()
    {
        ["nl"] = ["de", "het", "een", "en", "is", "niet", "van", "ik", "we", "wij", "u", "uw", "met", "voor", "op", "dat", "werkt", "graag", "bedankt", "goedemorgen", "dag", "groeten", "kunnen", "kan", "geen", "ons", "onze"],
        ["fr"] = ["le", "la", "les", "un", "une", "et", "est", "ne", "pas", "de", "des", "du", "je", "nous", "vous", "votre", "avec", "pour", "que", "fonctionne", "merci", "bonjour", "cordialement", "plus", "notre", "il", "ce"],
        ["en"] = ["the", "a", "an", "and", "is", "not", "of", "i", "we", "you", "your", "with", "for", "on", "that", "works", "please", "thanks", "hello", "regards", "can", "no", "our", "it", "does", "doesn't"],
    };

    /// <summary>nl, fr, en, or null when the mail does not say clearly.</summary>
    public static string? Of(string? contentLanguage, string? subject, string? text)
    {
        var declared = (contentLanguage ?? "").Split(',')[0].Trim().Split('-')[0].ToLowerInvariant();
        if (Words.ContainsKey(declared))
        {
            return declared;
        }

        var sample = $"{subject} {text}";
        sample = sample.Length > 4000 ? sample[..4000] : sample;
        var tokens = Word().Matches(sample.ToLowerInvariant()).Select(m => m.Value).ToList();
        var scores = Words.ToDictionary(w => w.Key, w => tokens.Count(w.Value.Contains));
        var ranked = scores.OrderByDescending(s => s.Value).ToList();
        // Clear means: a few hits, and twice the runner-up's.
        return ranked[0].Value >= 3 && ranked[0].Value >= 2 * ranked[1].Value ? ranked[0].Key : null;
    }

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex Word();
}
