using System.Text;

namespace ClauseDesk.Mail.Notices;

/// <summary>One part of a notice's body: the plain text and the HTML are both written from these.</summary>
public abstract record NoticeBlock;

/// <summary>A paragraph of running text.</summary>
public sealed record Paragraph(string Text) : NoticeBlock;

/// <summary>Words quoted as written by someone (a question, a reply): kept verbatim, line breaks and all.</summary>
public sealed record Quote(string Text) : NoticeBlock;

/// <summary>Label–value lines: the ticket, the window, the date.</summary>
public sealed record Facts(IReadOnlyList<(string Label, string Value)> Lines) : NoticeBlock;

/// <summary>A list of items, e.g. the contact persons who may open tickets.</summary>
public sealed record Items(IReadOnlyList<string> Lines) : NoticeBlock;

/// <summary>
/// A notice composed in one language, before it is written out: the subject, a greeting, the blocks and
/// the sign-off. <see cref="ToText"/> and <see cref="ToHtml"/> write the same content; every value is
/// HTML-encoded in the HTML, so nothing a customer typed is ever markup.
/// </summary>
public sealed record NoticeContent(string Language, string Subject, string Greeting, IReadOnlyList<NoticeBlock> Blocks, string Closing, string Signature)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(Greeting).Append("\n\n");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    text.Append(p.Text);
                    break;
                case Quote q:
                    text.AppendJoin('\n', Lines(q.Text).Select(l => l.Length == 0 ? ">" : "> " + l));
                    break;
                case Facts f:
                    text.AppendJoin('\n', f.Lines.Select(l => $"{l.Label}: {l.Value}"));
                    break;
                case Items i:
                    text.AppendJoin('\n', i.Lines.Select(l => "- " + l));
                    break;
            }

            text.Append("\n\n");
        }

        return text.Append(Closing).Append('\n').Append(Signature).Append('\n').ToString();
    }

    /// <summary>The body part only (for putting several languages in one mail); <see cref="ToHtml"/> wraps it in a document.</summary>
    public string ToHtmlSection()
    {
        var html = new StringBuilder();
        html.Append("<div lang=\"").Append(E(Language)).Append("\">");
        html.Append("<p>").Append(E(Greeting)).Append("</p>");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    html.Append("<p>").Append(Breaks(p.Text)).Append("</p>");
                    break;
                case Quote q:
                    html.Append("<blockquote style=\"margin:0 0 1em;padding:.5em 1em;border-left:3px solid #8a94a6;background:#f4f6f8\">")
                        .Append(Breaks(q.Text)).Append("</blockquote>");
                    break;
                case Facts f:
                    html.Append("<table style=\"border-collapse:collapse;margin:0 0 1em\">");
                    foreach (var (label, value) in f.Lines)
                    {
                        html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").Append(E(label))
                            .Append("</th><td style=\"padding:2px 0\">").Append(Breaks(value)).Append("</td></tr>");
                    }

                    html.Append("</table>");
                    break;
                case Items i:
                    html.Append("<ul>");
                    foreach (var line in i.Lines)
                    {
                        html.Append("<li>").Append(E(line)).Append("</li>");
                    }

                    html.Append("</ul>");
                    break;
            }
        }

        html.Append("<p>").Append(E(Closing)).Append("<br>").Append(E(Signature)).Append("</p></div>");
        return html.ToString();
    }

    public string ToHtml() => Document(Language, Subject, [ToHtmlSection()]);

    /// <summary>An HTML document around sections that are already encoded.</summary>
    public static string Document(string language, string subject, IEnumerable<string> sections) =>
        $"<!doctype html>\n<html lang=\"{E(language)}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>\n" +
        "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#1b1f24\">\n" +
        string.Join("\n<hr style=\"border:0;border-top:1px solid #c9ced6;margin:2em 0\">\n", sections) +
        "\n</body></html>\n";

    // The five characters that make markup, and nothing else: the document is UTF-8, so "à" stays "à".
    private static string E(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    private static string Breaks(string text) => string.Join("<br>", Lines(text).Select(E));

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
