using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ClauseDesk.Portal;

/// <summary>
/// The portal's language: the choice kept in a cookie, else the browser's Accept-Language, else Dutch.
/// Sets the request's culture, so dates, numbers and money follow it.
/// </summary>
public static class PortalLanguage
{
    public const string CookieName = "clausedesk.language";

    public static IReadOnlyList<string> Codes { get; } = ["nl", "fr", "en"];

    // Belgian Dutch and French; English with the euro (Ireland) rather than the pound.
    private static readonly Dictionary<string, CultureInfo> Cultures = new()
    {
        ["nl"] = Culture("nl-BE"),
        ["fr"] = Culture("fr-BE"),
        ["en"] = Culture("en-IE"),
    };

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var code && Cultures.ContainsKey(code) ? code : "nl";

    public static void Apply(HttpContext http)
    {
        var culture = Cultures[Resolve(http.Request)];
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public static string Resolve(HttpRequest request)
    {
        if (request.Cookies[CookieName] is { } chosen && Cultures.ContainsKey(chosen))
        {
            return chosen;
        }

        var accepted = StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages) ? languages : [];
        foreach (var language in accepted.OrderByDescending(l => l.Quality ?? 1))
        {
            var code = language.Value.ToString().Split('-')[0].ToLowerInvariant();
            if (Cultures.ContainsKey(code))
            {
                return code;
            }
        }

        return "nl";
    }

    // Abbreviations without their dots read calmer in a dense table: "wo 25 nov", "mer 25 nov".
    private static CultureInfo Culture(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        var format = culture.DateTimeFormat;
        format.AbbreviatedDayNames = [.. format.AbbreviatedDayNames.Select(d => d.TrimEnd('.'))];
        format.AbbreviatedMonthNames = [.. format.AbbreviatedMonthNames.Select(m => m.TrimEnd('.'))];
        format.AbbreviatedMonthGenitiveNames = [.. format.AbbreviatedMonthGenitiveNames.Select(m => m.TrimEnd('.'))];
        return CultureInfo.ReadOnly(culture);
    }
}
