namespace ClauseDesk.Html.Tests;

/// <summary>Readable text from HTML-only mail.</summary>
public class PlainTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One\n\nTwo")]
    [InlineData("<div>One</div><div>Two</div>", "One\nTwo")]
    [InlineData("line<br>break<br/><br>blank", "line\nbreak\n\nblank")]
    [InlineData("  lots   of \n\t blanks  ", "lots of blanks")]
    [InlineData("<ul><li>apples</li><li>pears</li></ul>", "- apples\n- pears")]
    [InlineData("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second")]
    [InlineData("<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Laptop</td><td>3</td></tr></table>", "Name\tQty\nLaptop\t3")]
    [InlineData("See <a href=\"https://x.example/t\">the ticket</a>.", "See the ticket [https://x.example/t].")]
    [InlineData("<a href=\"https://x.example\">https://x.example</a>", "https://x.example")]
    [InlineData("<a href=\"mailto:desk@x.example\">desk@x.example</a>", "desk@x.example")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>", "click")]
    [InlineData("<img src=\"cid:x\" alt=\"logo\"> Company", "logo Company")]
    [InlineData("<h1>Title</h1>text", "Title\n\ntext")]
    [InlineData("<pre>  keep\n    this</pre>", "keep\n    this")]
    [InlineData("<p>before</p><pre>  keep\n    this</pre><p>after</p>", "before\n\n  keep\n    this\n\nafter")]
    [InlineData("<blockquote><p>quoted</p><p>twice</p></blockquote>reply", "> quoted\n>\n> twice\n\nreply")]
    [InlineData("a<hr>b", "a\n----------\nb")]
    [InlineData("<style>p{color:red}</style><script>alert(1)</script><p>visible</p>", "visible")]
    [InlineData("&lt;not a tag&gt; &amp; caf&eacute;&nbsp;cr&egrave;me", "<not a tag> & café crème")]
    [InlineData("", "")]
    public void Html_becomes_readable_text(string html, string text) => HtmlText.ToPlainText(html).ShouldBe(text);

    [Fact]
    public void Input_the_html_parser_throws_on_still_gives_the_text()
    {
        HtmlText.ToPlainText("<p>a &amp; b<select><xmp></xmp><select></option>c").ShouldBe("a & b c");
    }

    [Fact]
    public void Deeply_nested_html_does_not_overflow_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div><blockquote>", 2_000)) + "deep";
        HtmlText.ToPlainText(html).ShouldEndWith("deep");
    }
}
