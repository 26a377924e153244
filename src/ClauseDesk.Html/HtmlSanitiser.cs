using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ClauseDesk.Html;

/// <summary>
/// An allow-list HTML sanitiser for mail shown in the desk. The input is parsed as a browser would
/// (AngleSharp, HTML5 tree building) and written anew from the parsed tree: allowed elements with
/// their allowed attributes, text escaped, everything else unwrapped (harmless unknown elements:
/// children kept) or dropped with its content (script, style, iframe, object, embed, forms' fields,
/// svg, math, template, noscript, head content). Links get rel="noopener noreferrer nofollow" and
/// target="_blank"; URLs keep only the allowed schemes, however they are obfuscated.
/// </summary>
public sealed partial class HtmlSanitiser
{
    private const int MaxPasses = 4;

    /// <summary>Elements written as they are (with their allowed attributes).</summary>
    public static IReadOnlySet<string> AllowedElements { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "blockquote", "pre", "code",
        "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "a", "img", "hr", "sub", "sup", "small", "big", "font", "del", "ins", "q", "cite", "abbr", "mark", "tt", "kbd", "samp", "var",
    };

    /// <summary>Harmless block elements written as a div, so that their line breaks survive.</summary>
    private static readonly HashSet<string> AsDiv = new(StringComparer.Ordinal)
    {
        "section", "article", "header", "footer", "main", "nav", "aside", "address", "figure", "figcaption",
        "center", "details", "summary", "fieldset", "legend", "hgroup", "form", "search",
    };

    /// <summary>Elements dropped together with everything in them.</summary>
    private static readonly HashSet<string> DropWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param",
        "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "keygen", "progress", "meter",
        "svg", "math", "template", "noscript", "noembed", "meta", "link", "base", "title", "head",
        "audio", "video", "source", "track", "canvas", "map", "area", "portal", "dialog", "slot", "picture",
        "basefont", "bgsound", "isindex", "menuitem",
    };

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal) { "br", "hr", "img" };

    private static readonly HashSet<string> GlobalAttributes = new(StringComparer.Ordinal) { "title", "dir", "lang" };

    private static readonly Dictionary<string, HashSet<string>> ElementAttributes = new(StringComparer.Ordinal)
    {
        ["a"] = ["href"],
        ["img"] = ["src", "alt", "width", "height"],
        ["td"] = ["colspan", "rowspan", "align", "valign", "width", "height"],
        ["th"] = ["colspan", "rowspan", "align", "valign", "width", "height"],
        ["table"] = ["border", "cellpadding", "cellspacing", "width", "align"],
        ["tr"] = ["align", "valign"],
        ["p"] = ["align"],
        ["div"] = ["align"],
        ["h1"] = ["align"],
        ["h2"] = ["align"],
        ["h3"] = ["align"],
        ["h4"] = ["align"],
        ["h5"] = ["align"],
        ["h6"] = ["align"],
        ["font"] = ["color", "face", "size"],
        ["ol"] = ["start", "type"],
        ["li"] = ["value"],
    };

    private readonly HtmlSanitiserOptions _options;
    private readonly HtmlParser _parser = new(ParserOptions);

    /// <summary>
    /// Scripting off: noscript content is parsed as markup, and then dropped with the noscript.
    /// AngleSharp caps the nesting depth itself (512).
    /// </summary>
    internal static HtmlParserOptions ParserOptions => new() { IsScripting = false };

    /// <summary>A sanitiser with the given options (default: <see cref="HtmlSanitiserOptions.Default"/>).</summary>
    public HtmlSanitiser(HtmlSanitiserOptions? options = null) => _options = options ?? HtmlSanitiserOptions.Default;

    /// <summary>True when the sanitiser can write this attribute on this element (the value is checked too).</summary>
    public static bool IsAllowedAttribute(string element, string attribute) =>
        GlobalAttributes.Contains(attribute)
        || (ElementAttributes.TryGetValue(element, out var names) && names.Contains(attribute))
        || (element == "a" && attribute is "rel" or "target");

    /// <summary>
    /// The HTML with only allowed elements, attributes and URLs left. Sanitising the result again
    /// gives the same string. Never throws on any input.
    /// </summary>
    public string Sanitise(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }
        // The output is written from a parsed tree; re-parsing it can still shape a tree a little
        // differently (an unwrapped element's text foster-parented out of a table, say). Passing
        // again until nothing changes makes Sanitise idempotent.
        var result = Pass(html);
        for (var i = 1; i < MaxPasses; i++)
        {
            var again = Pass(result);
            if (again == result)
            {
                break;
            }
            result = again;
        }
        return result;
    }

    private string Pass(string html)
    {
        AngleSharp.Html.Dom.IHtmlDocument document;
        try
        {
            document = _parser.ParseDocument(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // AngleSharp 1.10.3 throws on a few odd inputs ("<p><select><xmp></xmp><select></option>").
            // Then nothing of the markup is trusted: the text alone is kept, escaped.
            return TextOnly(html);
        }
        var body = document.Body;
        if (body is null || body.LocalName != "body")
        {
            return string.Empty;
        }
        var output = new StringBuilder(html.Length);
        var stack = new Stack<(INode? Node, string? EndTag)>();
        PushChildren(stack, body);
        while (stack.Count > 0)
        {
            var (node, endTag) = stack.Pop();
            if (node is null)
            {
                output.Append(endTag);
                continue;
            }
            switch (node)
            {
                case IText text:
                    AppendText(output, text.Data);
                    break;
                case IElement element:
                    WriteElement(output, stack, element);
                    break;
                default:
                    break; // comments (conditional comments included), processing instructions
            }
        }
        return output.ToString().Trim(' ', '\t', '\n', '\r', '\f');
    }

    /// <summary>The input with every tag removed, entities decoded, blanks collapsed and the rest escaped: safe whatever the input was.</summary>
    internal static string TextOnly(string html)
    {
        var output = new StringBuilder(html.Length);
        AppendText(output, PlainTextOnly(html));
        return output.ToString();
    }

    /// <summary>The input with every tag removed, entities decoded and blanks collapsed.</summary>
    internal static string PlainTextOnly(string html) =>
        BlankPattern().Replace(System.Net.WebUtility.HtmlDecode(TagPattern().Replace(html, " ")), " ").Trim();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex BlankPattern();

    [GeneratedRegex("<[^>]*>?", RegexOptions.NonBacktracking)]
    private static partial Regex TagPattern();

    private static void PushChildren(Stack<(INode? Node, string? EndTag)> stack, INode parent)
    {
        var children = parent.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], null));
        }
    }

    private void WriteElement(StringBuilder output, Stack<(INode? Node, string? EndTag)> stack, IElement element)
    {
        if (element.NamespaceUri != NamespaceNames.HtmlUri)
        {
            return; // foreign content that escaped the svg/math drop
        }
        var name = element.LocalName;
        if (DropWithContent.Contains(name))
        {
            return;
        }
        if (name == "img")
        {
            WriteImage(output, element);
            return;
        }
        var written = AllowedElements.Contains(name) ? name : AsDiv.Contains(name) ? "div" : null;
        string? href = null;
        if (written == "a")
        {
            href = CleanUrl(element.GetAttribute("href"), _options.LinkSchemes, out _);
            if (href is null)
            {
                written = null; // a link that goes nowhere allowed is just its text
            }
        }
        if (written is null)
        {
            PushChildren(stack, element); // unwrap: keep the children
            return;
        }
        output.Append('<').Append(written);
        if (written == name)
        {
            AppendAttributes(output, element, name);
        }
        if (href is not null)
        {
            AppendAttribute(output, "href", href);
            output.Append(" rel=\"noopener noreferrer nofollow\" target=\"_blank\"");
        }
        output.Append('>');
        if (VoidElements.Contains(written))
        {
            return;
        }
        if (written == "pre" && element.FirstChild is IText { Data: ['\n', ..] })
        {
            output.Append('\n'); // the parser drops a newline right after <pre>: keep the text's own
        }
        stack.Push((null, $"</{written}>"));
        PushChildren(stack, element);
    }

    private void WriteImage(StringBuilder output, IElement image)
    {
        var src = image.GetAttribute("src");
        var clean = CleanUrl(src, _options.ImageSchemes, out var scheme);
        if (clean is not null && scheme == "data")
        {
            clean = AllowedDataImage(clean);
        }
        var keep = clean is not null && scheme switch
        {
            "https" or "http" => _options.AllowRemoteImages,
            _ => true,
        };
        if (!keep)
        {
            // A remote (tracking) or forbidden image: its alt text says what it was.
            AppendText(output, image.GetAttribute("alt") ?? string.Empty);
            return;
        }
        output.Append("<img");
        AppendAttribute(output, "src", clean!);
        foreach (var attribute in image.Attributes)
        {
            if (attribute.Name is "alt" or "width" or "height" or "title" or "dir" or "lang" && IsValidValue(attribute.Name, attribute.Value))
            {
                AppendAttribute(output, attribute.Name, attribute.Value);
            }
        }
        output.Append('>');
    }

    /// <summary>data:image/png;base64,… with an allowed type, written in lower case; anything else is null.</summary>
    private string? AllowedDataImage(string url)
    {
        // Nothing but a type and base64: no svg, no other parameters.
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return null;
        }
        var header = url[5..comma];
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var type = header[..^";base64".Length].ToLowerInvariant();
        if (!_options.DataImageTypes.Contains(type))
        {
            return null;
        }
        for (var i = comma + 1; i < url.Length; i++)
        {
            var c = url[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return null;
            }
        }
        return $"data:{type};base64,{url[(comma + 1)..]}";
    }

    private static void AppendAttributes(StringBuilder output, IElement element, string name)
    {
        foreach (var attribute in element.Attributes)
        {
            var attributeName = attribute.Name;
            if (attributeName is "href" or "rel" or "target" || attribute.NamespaceUri is not null)
            {
                continue;
            }
            if (!IsAllowedAttribute(name, attributeName) || !IsValidValue(attributeName, attribute.Value))
            {
                continue;
            }
            AppendAttribute(output, attributeName, attribute.Value);
        }
    }

    /// <summary>Values are checked against a narrow form: numbers, keywords, colours, language tags.</summary>
    private static bool IsValidValue(string attribute, string value) => attribute switch
    {
        "title" or "alt" => value.Length <= 1000,
        "dir" => value.ToLowerInvariant() is "ltr" or "rtl" or "auto",
        "lang" => value.Length is > 0 and <= 35 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'),
        "width" or "height" => value.Length is > 0 and <= 6 && value.TrimEnd('%').Length > 0 && value.TrimEnd('%').All(char.IsAsciiDigit) && value.Count(c => c == '%') <= 1,
        "colspan" or "rowspan" or "border" or "cellpadding" or "cellspacing" or "value" =>
            value.Length is > 0 and <= 4 && value.All(char.IsAsciiDigit),
        "start" => value.Length is > 0 and <= 6 && value.TrimStart('-').Length > 0 && value.TrimStart('-').All(char.IsAsciiDigit) && value.LastIndexOf('-') <= 0,
        "align" => value.ToLowerInvariant() is "left" or "right" or "center" or "justify",
        "valign" => value.ToLowerInvariant() is "top" or "middle" or "bottom" or "baseline",
        "type" => value is "1" or "a" or "A" or "i" or "I",
        "color" => value.Length is > 0 and <= 20 && value.TrimStart('#').All(char.IsAsciiLetterOrDigit),
        "face" => value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or ',' or '-'),
        "size" => value.Length is > 0 and <= 2 && value.TrimStart('+', '-').Length == 1 && char.IsAsciiDigit(value[^1]),
        _ => false,
    };

    /// <summary>
    /// The URL when its scheme is allowed, else null. Read as a browser reads it: blanks and control
    /// characters around it stripped, tabs and line breaks inside it removed, the scheme in any case;
    /// entities were already decoded by the parser. Relative URLs are refused.
    /// </summary>
    internal static string? CleanUrl(string? url, IReadOnlySet<string> schemes, out string scheme)
    {
        scheme = string.Empty;
        if (url is null)
        {
            return null;
        }
        var builder = new StringBuilder(url.Length);
        foreach (var c in url.AsSpan().Trim("\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F "))
        {
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsWhiteSpace(c) && c != ' ')
            {
                return null;
            }
            builder.Append(c);
        }
        var clean = builder.ToString();
        var colon = clean.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null; // relative
        }
        var candidate = clean[..colon];
        if (!char.IsAsciiLetter(candidate[0]) || !candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            return null; // a ':' after a path or query: relative
        }
        scheme = candidate.ToLowerInvariant();
        if (!schemes.Contains(scheme))
        {
            return null;
        }
        return scheme + clean[colon..];
    }

    private static void AppendAttribute(StringBuilder output, string name, string value)
    {
        output.Append(' ').Append(name).Append("=\"");
        foreach (var c in value)
        {
            output.Append(c switch
            {
                '&' => "&amp;",
                '"' => "&quot;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\u00A0' => "&nbsp;",
                _ => c.ToString(),
            });
        }
        output.Append('"');
    }

    private static void AppendText(StringBuilder output, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                case '\u00A0':
                    output.Append("&nbsp;");
                    break;
                case '\0':
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }
}
