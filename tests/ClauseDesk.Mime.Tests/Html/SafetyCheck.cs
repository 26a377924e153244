using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ClauseDesk.Html.Tests;

/// <summary>
/// The property every sanitised output must have, checked by parsing it again as a browser would:
/// no element outside the allow-list, no attribute outside it (no on*, no style), no URL whose
/// scheme is not allowed, nothing in a foreign namespace.
/// </summary>
internal static class SafetyCheck
{
    private static readonly HashSet<string> LinkSchemes = ["http", "https", "mailto", "cid"];

    public static void AssertSafe(string sanitised, string input)
    {
        var document = new HtmlParser().ParseDocument(sanitised);
        document.Head!.ChildNodes.Length.ShouldBe(0, $"head content from {input}");
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            var name = element.LocalName;
            element.NamespaceUri.ShouldBe(NamespaceNames.HtmlUri, $"{name} from {input}");
            HtmlSanitiser.AllowedElements.ShouldContain(name, $"<{name}> from {input} → {sanitised}");
            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name;
                attributeName.StartsWith("on", StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{attributeName} from {input}");
                HtmlSanitiser.IsAllowedAttribute(name, attributeName).ShouldBeTrue($"{name}@{attributeName} from {input} → {sanitised}");
                if (attributeName == "href")
                {
                    LinkSchemes.ShouldContain(Scheme(attribute.Value), $"href {attribute.Value} from {input}");
                }
                if (attributeName == "src")
                {
                    var scheme = Scheme(attribute.Value);
                    (scheme is "cid" || attribute.Value.StartsWith("data:image/png;base64,", StringComparison.Ordinal)
                        || attribute.Value.StartsWith("data:image/jpeg;base64,", StringComparison.Ordinal)
                        || attribute.Value.StartsWith("data:image/gif;base64,", StringComparison.Ordinal))
                        .ShouldBeTrue($"src {attribute.Value} from {input}");
                }
            }
            if (name == "a")
            {
                element.GetAttribute("rel").ShouldBe("noopener noreferrer nofollow");
                element.GetAttribute("target").ShouldBe("_blank");
            }
        }
        document.Body!.Descendants<IComment>().ShouldBeEmpty($"a comment from {input}");
    }

    /// <summary>The scheme as a browser reads it: control characters and blanks around it ignored, case folded.</summary>
    private static string Scheme(string url)
    {
        var clean = new string(url.Where(c => c > ' ').ToArray());
        var colon = clean.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : clean[..colon].ToLowerInvariant();
    }
}
