using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ClauseDesk.Html;

/// <summary>Readable plain text from HTML, for mail that has no text/plain part.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "head", "title", "template", "svg", "math", "iframe", "object", "embed",
        "select", "textarea", "button", "input", "audio", "video", "canvas", "map",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "blockquote", "figure", "address",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "div", "section", "article", "header", "footer", "main", "nav", "aside", "figcaption", "center",
        "form", "fieldset", "legend", "details", "summary", "caption", "tr", "li", "dt", "dd", "thead", "tbody", "tfoot",
    };

    /// <summary>
    /// The text of the HTML: paragraphs and block elements on lines of their own, list items with
    /// "- " (or "1. "), table cells separated by tabs, blockquotes prefixed with "> ", links as
    /// "text [target]", images as their alt text; no markup. Never throws on any input.
    /// </summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }
        AngleSharp.Html.Dom.IHtmlDocument document;
        try
        {
            document = new HtmlParser(HtmlSanitiser.ParserOptions).ParseDocument(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // AngleSharp throws on a few odd inputs: the text without its tags is the best left.
            return HtmlSanitiser.PlainTextOnly(html);
        }
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            return string.Empty;
        }
        var writer = new Writer();
        var stack = new Stack<Frame>();
        stack.Push(new Frame(root, Entering: true, null));
        while (stack.Count > 0)
        {
            var frame = stack.Pop();
            if (!frame.Entering)
            {
                Leave(writer, frame);
                continue;
            }
            switch (frame.Node)
            {
                case IText text:
                    writer.Text(text.Data);
                    break;
                case IElement element:
                    Enter(writer, stack, element);
                    break;
                default:
                    if (frame.Node is IDocumentFragment or IDocument)
                    {
                        PushChildren(stack, frame.Node);
                    }
                    break;
            }
        }
        return writer.Result();
    }

    private sealed record Frame(INode Node, bool Entering, string? Suffix);

    private static void PushChildren(Stack<Frame> stack, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push(new Frame(children[i], Entering: true, null));
        }
    }

    private static void Enter(Writer writer, Stack<Frame> stack, IElement element)
    {
        var name = element.LocalName;
        if (Skipped.Contains(name) || element.NamespaceUri != NamespaceNames.HtmlUri)
        {
            return;
        }
        string? suffix = null;
        switch (name)
        {
            case "br":
                writer.LineBreak();
                return;
            case "hr":
                writer.Block(1);
                writer.Text("----------");
                writer.Block(1);
                return;
            case "img":
                if (element.GetAttribute("alt") is { Length: > 0 } alt)
                {
                    writer.Text(" " + alt + " ");
                }
                return;
            case "li":
                writer.Block(1);
                if (element.ParentElement?.LocalName == "ol")
                {
                    var index = 1;
                    for (var sibling = element.PreviousElementSibling; sibling is not null; sibling = sibling.PreviousElementSibling)
                    {
                        if (sibling.LocalName == "li")
                        {
                            index++;
                        }
                    }
                    writer.Text($"{index}. ");
                }
                else
                {
                    writer.Text("- ");
                }
                break;
            case "td" or "th":
                if (element.PreviousElementSibling is not null)
                {
                    writer.Tab();
                }
                break;
            case "a":
                var href = element.GetAttribute("href")?.Trim();
                if (!string.IsNullOrEmpty(href) && IsShownTarget(href))
                {
                    var text = element.TextContent.Trim();
                    var target = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href[7..] : href;
                    if (!string.Equals(text, target, StringComparison.OrdinalIgnoreCase) && !string.Equals(text, href, StringComparison.OrdinalIgnoreCase))
                    {
                        suffix = text.Length == 0 ? target : $" [{target}]";
                    }
                }
                break;
            case "blockquote":
                writer.Block(2);
                writer.Quote(+1);
                break;
            case "pre":
                writer.Block(2);
                writer.Preformatted(+1);
                break;
            default:
                if (Paragraphs.Contains(name))
                {
                    writer.Block(2);
                }
                else if (Blocks.Contains(name))
                {
                    writer.Block(1);
                }
                break;
        }
        stack.Push(new Frame(element, Entering: false, suffix));
        PushChildren(stack, element);
    }

    private static void Leave(Writer writer, Frame frame)
    {
        var name = ((IElement)frame.Node).LocalName;
        if (frame.Suffix is not null)
        {
            writer.Text(frame.Suffix, collapse: false);
        }
        switch (name)
        {
            case "blockquote":
                writer.Block(2);
                writer.Quote(-1);
                break;
            case "pre":
                writer.Preformatted(-1);
                writer.Block(2);
                break;
            default:
                if (Paragraphs.Contains(name))
                {
                    writer.Block(2);
                }
                else if (Blocks.Contains(name))
                {
                    writer.Block(1);
                }
                break;
        }
    }

    private static bool IsShownTarget(string href)
    {
        var colon = href.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        var scheme = href[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto" or "ftp" or "tel";
    }

    /// <summary>Writes text with collapsed blanks, pending line breaks and a quote prefix.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _output = new();
        private int _pendingBreaks;
        private bool _pendingSpace;
        private bool _atLineStart = true;
        private int _quoteDepth;
        private int _preDepth;
        private int _depthAtBreak;

        public void Quote(int delta) => _quoteDepth = Math.Max(0, _quoteDepth + delta);

        public void Preformatted(int delta) => _preDepth = Math.Max(0, _preDepth + delta);

        public void Block(int breaks)
        {
            if (_output.Length > 0)
            {
                NoteBreak();
                _pendingBreaks = Math.Max(_pendingBreaks, _atLineStart ? breaks - 1 : breaks);
            }
            _pendingSpace = false;
        }

        public void LineBreak()
        {
            NoteBreak();
            _pendingBreaks++;
            _pendingSpace = false;
        }

        public void Tab()
        {
            FlushBreaks();
            _output.Append('\t');
            _pendingSpace = false;
            _atLineStart = false;
        }

        public void Text(string text, bool collapse = true)
        {
            foreach (var c in text)
            {
                if (_preDepth > 0 && collapse)
                {
                    if (c == '\n')
                    {
                        NoteBreak();
                        _pendingBreaks++;
                        continue;
                    }
                    if (c == '\r')
                    {
                        continue;
                    }
                    Write(c);
                    continue;
                }
                if (char.IsWhiteSpace(c) || c == '\u00A0')
                {
                    if (!_atLineStart)
                    {
                        _pendingSpace = true; // blanks at the start of a line are dropped
                    }
                    continue;
                }
                if (_pendingSpace && !_atLineStart && _pendingBreaks == 0)
                {
                    _output.Append(' ');
                }
                _pendingSpace = false;
                Write(c);
            }
        }

        /// <summary>Blank lines belong to the quote level that was open when the breaks began.</summary>
        private void NoteBreak()
        {
            if (_pendingBreaks == 0)
            {
                _depthAtBreak = _quoteDepth;
            }
        }

        private void Write(char c)
        {
            FlushBreaks();
            if (_atLineStart && _quoteDepth > 0)
            {
                _output.Append(string.Concat(Enumerable.Repeat("> ", _quoteDepth)));
            }
            _output.Append(c);
            _atLineStart = false;
        }

        private void FlushBreaks()
        {
            if (_pendingBreaks == 0)
            {
                return;
            }
            if (_output.Length > 0)
            {
                for (var i = 0; i < _pendingBreaks; i++)
                {
                    if (i > 0 && Math.Min(_depthAtBreak, _quoteDepth) > 0)
                    {
                        _output.Append('>', Math.Min(_depthAtBreak, _quoteDepth));
                    }
                    _output.Append('\n');
                }
                _atLineStart = true;
            }
            _pendingBreaks = 0;
            _pendingSpace = false;
        }

        public string Result()
        {
            var lines = _output.ToString().Split('\n').Select(l => l.TrimEnd());
            var builder = new StringBuilder();
            var blank = 0;
            foreach (var line in lines)
            {
                if (line.Length == 0 || line.All(c => c == '>'))
                {
                    if (++blank > 1)
                    {
                        continue;
                    }
                }
                else
                {
                    blank = 0;
                }
                builder.Append(line).Append('\n');
            }
            return builder.ToString().Trim('\n', ' ');
        }
    }
}
