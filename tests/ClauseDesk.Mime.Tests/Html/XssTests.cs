using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ClauseDesk.Html.Tests;

/// <summary>
/// The OWASP XSS filter-evasion vectors (Corpus/Html/owasp-xss-vectors.txt), mutation-XSS classics,
/// and a property over generated documents: after sanitising, a browser's parse of the output finds
/// nothing outside the allow-list, and sanitising again changes nothing.
/// </summary>
public partial class XssTests
{
    private static readonly HtmlSanitiser Sanitiser = new();

    [GeneratedRegex(@"\{x([0-9A-Fa-f]{2})\}")]
    private static partial Regex Escape();

    public static TheoryData<int, string> OwaspVectors()
    {
        var data = new TheoryData<int, string>();
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "Html", "owasp-xss-vectors.txt"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }
            var vector = Escape().Replace(lines[i], m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
            data.Add(i + 1, vector);
        }
        return data;
    }

    [Fact]
    public void The_vector_file_holds_the_cheat_sheet()
    {
        OwaspVectors().Count().ShouldBeGreaterThan(100);
    }

    [Theory]
    [MemberData(nameof(OwaspVectors))]
    public void Owasp_vectors_leave_nothing_that_runs(int line, string vector)
    {
        var output = Sanitiser.Sanitise(vector);
        SafetyCheck.AssertSafe(output, $"line {line}: {vector}");
        Sanitiser.Sanitise(output).ShouldBe(output, $"line {line} is not idempotent");
        var tags = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(output).Body!.Descendants<IElement>();
        foreach (var element in tags)
        {
            foreach (var attribute in element.Attributes)
            {
                attribute.Value.ShouldNotContain("script:", Case.Insensitive, $"line {line}");
            }
        }
    }

    [Theory]
    [InlineData("<IMG SRC=\"javascript:alert('XSS');\">", "")]
    [InlineData("<IMG SRC=# onmouseover=\"alert('xxs')\">", "")]
    [InlineData("<SCRIPT SRC=https://cdn.example/x.js></SCRIPT>", "")]
    [InlineData("<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>", "\"\\&gt;")]
    [InlineData("<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>", "&lt;")]
    [InlineData("<BODY ONLOAD=alert('XSS')>text", "text")]
    [InlineData("<a href=\"https://ok.example/\" onclick=\"alert(1)\" style=\"color:red\" class=\"x\" id=\"y\" target=\"_top\" rel=\"opener\">ok link</a>",
        "<a href=\"https://ok.example/\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">ok link</a>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\" onmouseover=\"alert(1)\">styled paragraph</p>", "<p>styled paragraph</p>")]
    [InlineData("<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">", "<table><tbody><tr><td></td></tr></tbody></table>")]
    [InlineData("¼script¾alert(¢XSS¢)¼/script¾", "¼script¾alert(¢XSS¢)¼/script¾")]
    public void Some_vectors_give_exactly_this(string vector, string expected) => Sanitiser.Sanitise(vector).ShouldBe(expected);

    [Theory]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")]
    [InlineData("<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>")]
    [InlineData("<style><img src=x onerror=alert(1)></style>")]
    [InlineData("<title><img src=x onerror=alert(1)></title>")]
    [InlineData("<textarea><img src=x onerror=alert(1)></textarea>")]
    [InlineData("<textarea></textarea><img src=x onerror=alert(1)>")]
    [InlineData("<xmp><img src=x onerror=alert(1)></xmp>")]
    [InlineData("<noembed><img src=x onerror=alert(1)></noembed>")]
    [InlineData("<noframes><img src=x onerror=alert(1)></noframes>")]
    [InlineData("<iframe><img src=x onerror=alert(1)></iframe>")]
    [InlineData("<plaintext><img src=x onerror=alert(1)>")]
    [InlineData("<svg><style><img src=x onerror=alert(1)></style></svg>")]
    [InlineData("<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>")]
    [InlineData("<math><mi><mglyph><svg><mtext><textarea><path id=\"</textarea><img onerror=alert(1) src=1>\"></textarea></mtext></svg></mglyph></mi></math>")]
    [InlineData("<svg><foreignObject><p><img src=x onerror=alert(1)></p></foreignObject></svg>")]
    [InlineData("<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert(1)></annotation-xml></math>")]
    [InlineData("<svg><desc><img src=x onerror=alert(1)></desc></svg>")]
    [InlineData("<template><img src=x onerror=alert(1)></template>")]
    [InlineData("<!--<img src=x onerror=alert(1)>-->")]
    [InlineData("<!--><img src=x onerror=alert(1)>-->")]
    [InlineData("<div><![CDATA[<img src=x onerror=alert(1)>]]></div>")]
    [InlineData("<p title=\"&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;\">safe title</p>")]
    [InlineData("<a title=\"`\" href=\"https://x.example\">backtick</a>")]
    [InlineData("<table><tr><td>a<style><img src=x onerror=alert(1)></style></td></tr></table>")]
    [InlineData("<table><marquee>foster<img src=x onerror=alert(1)></marquee><tr><td>cell</td></tr></table>")]
    [InlineData("<select><option><img src=x onerror=alert(1)></option></select>")]
    [InlineData("<a href=\"https://x.example\"><a href=\"javascript:alert(1)\">nested</a></a>")]
    [InlineData("<image src=x onerror=alert(1)>")]
    [InlineData("<isindex prompt=\"<img src=x onerror=alert(1)>\">")]
    [InlineData("<p><select><xmp></xmp><select></option><img src=x onerror=alert(1)>")] // AngleSharp 1.10.3 throws on this

    public void Mutation_xss_classics_stay_harmless(string vector)
    {
        var output = Sanitiser.Sanitise(vector);
        SafetyCheck.AssertSafe(output, vector);
        Sanitiser.Sanitise(output).ShouldBe(output);
        output.ShouldNotContain("<img", Case.Insensitive);
        output.ShouldNotContain("<style", Case.Insensitive);
        output.ShouldNotContain("<svg", Case.Insensitive);
        output.ShouldNotContain("<math", Case.Insensitive);
    }

    private static readonly string[] Tags =
    [
        "p", "div", "span", "b", "i", "a", "img", "table", "tr", "td", "th", "tbody", "ul", "li", "pre", "blockquote", "font", "h1", "br", "hr",
        "script", "style", "svg", "math", "iframe", "noscript", "textarea", "title", "xmp", "template", "object", "embed", "form", "input",
        "select", "option", "button", "foreignObject", "mglyph", "mtext", "annotation-xml", "desc", "noembed", "noframes", "base", "meta",
        "link", "custom-x", "marquee", "details", "section", "caption", "frameset", "body", "html", "head", "image", "listing", "plaintext",
    ];

    private static readonly string[] AttributeNames =
    [
        "href", "src", "onerror", "onclick", "ONLOAD", "style", "title", "alt", "width", "colspan", "xlink:href", "formaction", "background",
        "lang", "dir", "data-x", "srcset", "class", "id", "action", "target", "rel", "color", "align", "face", "size", "start", "type",
    ];

    private static readonly string[] Values =
    [
        "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "jav\nascript:x", "vbscript:x",
        "data:text/html,<script>alert(1)</script>", "data:image/png;base64,iVBORw0KGgo=", "data:image/svg+xml;base64,PHN2Zz4=",
        "https://ok.example/?a=1&b=2", "http://ok.example/", "mailto:a@b.example", "cid:part@x", "//evil.example", "/relative", "#x",
        "x", "1", "50%", "ltr", "nl", "center", "#ff0000", "\"><img src=x onerror=alert(1)>", "'", "`", "</p>", "&quot;", "\u0001javascript:x",
        "expression(alert(1))", "url(javascript:alert(1))",
    ];

    private static readonly string[] Texts =
    [
        "text", "<", ">", "&", "&amp;", "&lt;script&gt;", "\"", "'", " ", "\n", "&nbsp;", "é", "😀", "]]>", "-->", "<!--", "<![CDATA[", "</",
        "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    ];

    private static string Generate(Random random, int depth)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 5);
        for (var n = 0; n < count; n++)
        {
            var roll = random.Next(10);
            if (roll < 3 || depth > 6)
            {
                builder.Append(Texts[random.Next(Texts.Length)]);
                continue;
            }
            var tag = Tags[random.Next(Tags.Length)];
            if (random.Next(4) == 0)
            {
                tag = tag.ToUpperInvariant();
            }
            builder.Append('<').Append(tag);
            for (var a = random.Next(4); a > 0; a--)
            {
                var quote = random.Next(3) switch { 0 => "\"", 1 => "'", _ => "" };
                var value = Values[random.Next(Values.Length)];
                if (quote.Length == 0)
                {
                    value = value.Replace(" ", "", StringComparison.Ordinal);
                }
                builder.Append(' ').Append(AttributeNames[random.Next(AttributeNames.Length)]).Append('=').Append(quote).Append(value).Append(quote);
            }
            builder.Append('>');
            builder.Append(Generate(random, depth + 1));
            if (random.Next(5) != 0)
            {
                builder.Append("</").Append(random.Next(6) == 0 ? Tags[random.Next(Tags.Length)] : tag).Append('>');
            }
        }
        return builder.ToString();
    }

    [Fact]
    public void Property_generated_documents_sanitise_to_the_allow_list_and_idempotently()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var seed = 0; seed < 3000; seed++)
        {
            var html = Generate(new Random(seed), 0);
            var output = Sanitiser.Sanitise(html);
            SafetyCheck.AssertSafe(output, $"seed {seed}: {html}");
            Sanitiser.Sanitise(output).ShouldBe(output, $"seed {seed}: {html}");
        }
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Property_holds_with_remote_images_allowed_too()
    {
        var sanitiser = new HtmlSanitiser(new HtmlSanitiserOptions { AllowRemoteImages = true });
        for (var seed = 10_000; seed < 10_300; seed++)
        {
            var html = Generate(new Random(seed), 0);
            var output = sanitiser.Sanitise(html);
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(output);
            foreach (var element in document.Body!.Descendants<IElement>())
            {
                HtmlSanitiser.AllowedElements.ShouldContain(element.LocalName);
                element.Attributes.ShouldAllBe(a => HtmlSanitiser.IsAllowedAttribute(element.LocalName, a.Name));
                if (element.GetAttribute("src") is { } src)
                {
                    (src.StartsWith("https:", StringComparison.Ordinal) || src.StartsWith("cid:", StringComparison.Ordinal) || src.StartsWith("data:image/png;base64,", StringComparison.Ordinal))
                        .ShouldBeTrue(src);
                }
            }
            sanitiser.Sanitise(output).ShouldBe(output);
        }
    }
}
