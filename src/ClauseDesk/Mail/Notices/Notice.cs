using System.Globalization;
using NodaTime;

namespace ClauseDesk.Mail.Notices;

/// <summary>Who a notice is from and in which zone its times are written; the recipient's name for the greeting, when known.</summary>
public sealed record NoticeContext(string Provider, DateTimeZone Zone, string? RecipientName = null);

/// <summary>A notice as it is sent: the outbox keeps exactly this.</summary>
/// <param name="Language"><c>nl</c>, <c>fr</c>, <c>en</c>, or <c>nl+fr+en</c> for a mail in all three.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Text">The text/plain body.</param>
/// <param name="Html">The text/html body, every value encoded.</param>
public sealed record RenderedNotice(string Language, string Subject, string Text, string Html);

/// <summary>
/// One kind of mail the desk sends, with the facts it states. Each kind composes itself in a language
/// from <see cref="NoticeText"/>; <see cref="NoticeCatalogue"/> renders it to subject, plain text and HTML.
/// </summary>
public abstract record Notice
{
    /// <summary>The outbox kind, e.g. <c>received</c>, <c>maintenance-announced</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The subject in the language.</summary>
    public abstract string Subject(NoticeFormat format);

    /// <summary>The body's blocks in the language.</summary>
    public abstract IReadOnlyList<NoticeBlock> Body(NoticeFormat format);

    protected static string F(NoticeFormat format, string template, params object[] values) => string.Format(format.Culture, template, values);
}

/// <summary>The catalogue's entry point: a notice in one language, or in all three when the recipient's is unknown.</summary>
public static class NoticeCatalogue
{
    public static RenderedNotice Render(Notice notice, string? language, NoticeContext context)
    {
        var content = Compose(notice, NoticeText.For(language), context);
        return new RenderedNotice(content.Language, content.Subject, content.ToText(), content.ToHtml());
    }

    /// <summary>Dutch, then French, then English in one mail; the subject is the first language's.</summary>
    public static RenderedNotice RenderAll(Notice notice, NoticeContext context)
    {
        var contents = NoticeText.Languages.Select(l => Compose(notice, NoticeText.For(l), context)).ToList();
        var text = string.Join("\n", contents.Select(c => $"--- {NoticeText.For(c.Language).LanguageName} ---\n\n{c.ToText()}"));
        var html = NoticeContent.Document(contents[0].Language, contents[0].Subject, contents.Select(c => c.ToHtmlSection()));
        return new RenderedNotice(string.Join('+', NoticeText.Languages), contents[0].Subject, text, html);
    }

    public static NoticeContent Compose(Notice notice, NoticeText text, NoticeContext context)
    {
        var format = new NoticeFormat(text, context.Zone);
        var greeting = context.RecipientName is { Length: > 0 } name ? string.Format(CultureInfo.InvariantCulture, text.Greeting, name) : text.GreetingWithoutName;
        return new NoticeContent(text.Lang, notice.Subject(format), greeting, notice.Body(format), text.Closing, context.Provider);
    }
}
