namespace ClauseDesk.Html.Tests;

/// <summary>What the sanitiser keeps, rewrites and drops.</summary>
public class SanitiserTests
{
    private static readonly HtmlSanitiser Sanitiser = new();

    private static string Clean(string html)
    {
        var output = Sanitiser.Sanitise(html);
        SafetyCheck.AssertSafe(output, html);
        Sanitiser.Sanitise(output).ShouldBe(output, "not idempotent");
        return output;
    }

    [Theory]
    [InlineData("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>")]
    [InlineData("<P CLASS=\"x\" ID=\"y\" STYLE=\"color:red\" lang=\"nl-BE\" dir=\"rtl\" title=\"t\">x</P>", "<p lang=\"nl-BE\" dir=\"rtl\" title=\"t\">x</p>")]
    [InlineData("<script>alert(1)</script>after", "after")]
    [InlineData("<style>p{}</style>after", "after")]
    [InlineData("<custom-tag>kept <i>text</i></custom-tag>", "kept <i>text</i>")]
    [InlineData("<section><article>block</article></section>", "<div><div>block</div></div>")]
    [InlineData("<center>c</center>", "<div>c</div>")]
    [InlineData("<table border=1 onclick=x><tr><td colspan=2 rowspan=\"x\" width=\"50%\">a</td></tr></table>", "<table border=\"1\"><tbody><tr><td colspan=\"2\" width=\"50%\">a</td></tr></tbody></table>")]
    [InlineData("<ul><li>one<li>two</ul>", "<ul><li>one</li><li>two</li></ul>")]
    [InlineData("a &lt;b&gt; &amp; \"q\" 'a'", "a &lt;b&gt; &amp; \"q\" 'a'")]
    [InlineData("non&nbsp;breaking", "non&nbsp;breaking")]
    [InlineData("<pre>\n\nindented\n  code</pre>", "<pre>\n\nindented\n  code</pre>")]
    [InlineData("<font color=\"#ff0000\" face=\"Arial, sans-serif\" size=\"+1\">red</font>", "<font color=\"#ff0000\" face=\"Arial, sans-serif\" size=\"+1\">red</font>")]
    [InlineData("<font color=\"expression(alert(1))\">x</font>", "<font>x</font>")]
    [InlineData("<h1 align=center>T</h1><hr><br>", "<h1 align=\"center\">T</h1><hr><br>")]
    [InlineData("<form action=\"https://x.example\"><input value=\"secret\"><button>Go</button>text</form>", "<div>text</div>")]
    [InlineData("<!-- comment --><p>x</p><!--[if IE]><script>alert(1)</script><![endif]-->", "<p>x</p>")]
    [InlineData("<iframe src=\"https://x.example\">fallback</iframe>", "")]
    [InlineData("<object data=\"x\"><p>fallback</p></object>", "")]
    [InlineData("<html><head><title>T</title><meta charset=utf-8><base href=\"https://evil.example/\"></head><body>b</body></html>", "b")]
    [InlineData("<blockquote cite=\"https://x.example\">q</blockquote>", "<blockquote>q</blockquote>")]
    [InlineData("<ol start=\"3\" type=\"a\"><li value=\"5\">x</li></ol>", "<ol start=\"3\" type=\"a\"><li value=\"5\">x</li></ol>")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Sanitising_keeps_the_allow_list(string html, string expected) => Clean(html).ShouldBe(expected);

    [Theory]
    [InlineData("https://x.example/a?b=1&c=2", "https://x.example/a?b=1&amp;c=2")]
    [InlineData("HTTP://x.example", "http://x.example")]
    [InlineData("mailto:desk@x.example", "mailto:desk@x.example")]
    [InlineData("cid:part1@x", "cid:part1@x")]
    [InlineData(" \t https://x.example/ \n", "https://x.example/")]
    [InlineData("ht\ttps://x.example/", "https://x.example/")]
    public void Links_keep_allowed_schemes_and_get_rel_and_target(string href, string written)
    {
        Clean($"<a href=\"{href}\" target=\"_self\" rel=\"opener\">x</a>")
            .ShouldBe($"<a href=\"{written}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">x</a>");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("&#106;avascript:alert(1)")]
    [InlineData("&#x6A;&#x61;vascript:alert(1)")]
    [InlineData("java&#x09;script:alert(1)")]
    [InlineData("java&#10;script:alert(1)")]
    [InlineData("java&NewLine;script&colon;alert(1)")]
    [InlineData("&#0000106avascript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("  javascript:alert(1)")]
    [InlineData("java\u0000script:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("DaTa:text/html,x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative")]
    [InlineData("#anchor")]
    [InlineData("//evil.example/")]
    [InlineData("ｊavascript:alert(1)")]
    public void Links_with_other_schemes_however_obfuscated_become_their_text(string href) =>
        Clean($"<a href=\"{href}\">click</a>").ShouldBe("click");

    [Fact]
    public void Remote_images_become_their_alt_text_by_default_because_of_tracking_pixels()
    {
        Clean("<p>Logo: <img src=\"https://tracker.example/p.gif?u=42\" alt=\"ACME logo\" width=\"1\"></p>").ShouldBe("<p>Logo: ACME logo</p>");
        Clean("<img src=\"https://tracker.example/p.gif\">").ShouldBe("");
        Clean("<img src=\"x\" alt=\"<b>not markup</b>\">").ShouldBe("&lt;b&gt;not markup&lt;/b&gt;");
    }

    [Fact]
    public void Remote_https_images_are_kept_when_the_caller_allows_them_but_never_http()
    {
        var sanitiser = new HtmlSanitiser(new HtmlSanitiserOptions { AllowRemoteImages = true });
        sanitiser.Sanitise("<img src=\"https://cdn.example/logo.png\" alt=\"logo\" width=\"100\" height=\"20\" onerror=\"x\">")
            .ShouldBe("<img src=\"https://cdn.example/logo.png\" alt=\"logo\" width=\"100\" height=\"20\">");
        sanitiser.Sanitise("<img src=\"http://cdn.example/logo.png\" alt=\"logo\">").ShouldBe("logo");
    }

    [Fact]
    public void Inline_cid_and_data_images_of_allowed_types_are_kept()
    {
        Clean("<img src=\"cid:logo@x\" alt=\"l\">").ShouldBe("<img src=\"cid:logo@x\" alt=\"l\">");
        Clean("<img src=\"data:image/png;base64,iVBORw0KGgo=\">").ShouldBe("<img src=\"data:image/png;base64,iVBORw0KGgo=\">");
        Clean("<img src=\"DATA:image/JPEG;base64,/9j/4AAQ\">").ShouldBe("<img src=\"data:image/jpeg;base64,/9j/4AAQ\">");
        Clean("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"svg\">").ShouldBe("svg");
        Clean("<img src=\"data:image/png,<svg onload=alert(1)>\" alt=\"raw\">").ShouldBe("raw");
        Clean("<img src=\"data:image/png;charset=utf-8;base64,AAAA\" alt=\"params\">").ShouldBe("params");
    }

    [Fact]
    public void The_image_types_and_link_schemes_are_configurable()
    {
        var sanitiser = new HtmlSanitiser(new HtmlSanitiserOptions
        {
            LinkSchemes = new HashSet<string> { "https" },
            DataImageTypes = new HashSet<string> { "image/png" },
        });
        sanitiser.Sanitise("<a href=\"mailto:a@b\">m</a><a href=\"https://x\">h</a>")
            .ShouldBe("m<a href=\"https://x\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">h</a>");
        sanitiser.Sanitise("<img src=\"data:image/gif;base64,R0lG\" alt=\"gif\">").ShouldBe("gif");
    }

    [Fact]
    public void Deep_nesting_does_not_overflow_the_stack()
    {
        // AngleSharp's tree building, like a browser's, costs O(elements × depth) on deep nesting:
        // 20,000 levels take seconds; 3,000 (already absurd for a mail) a fraction of one.
        var deep = string.Concat(Enumerable.Repeat("<div><span>", 3_000)) + "x";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var output = Sanitiser.Sanitise(deep);
        output.ShouldContain("x");
        Sanitiser.Sanitise(output).ShouldBe(output);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_large_document_sanitises_in_linear_time()
    {
        var large = string.Concat(Enumerable.Repeat("<p>paragraph <b>bold</b> <a href=\"https://x.example\">link</a></p>", 20_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Sanitiser.Sanitise(large).Length.ShouldBeGreaterThan(large.Length);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Null_is_empty() => Sanitiser.Sanitise(null).ShouldBe("");
}
