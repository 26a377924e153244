namespace ClauseDesk.Html;

/// <summary>What the sanitiser lets through beyond its fixed allow-list of elements and attributes.</summary>
public sealed class HtmlSanitiserOptions
{
    /// <summary>The defaults: no remote images; links to http, https, mailto and cid.</summary>
    public static HtmlSanitiserOptions Default { get; } = new();

    /// <summary>
    /// Whether &lt;img src="https://…"&gt; is kept. Off by default: a remote image tells the sender
    /// that and when the mail was read (a tracking pixel), so it is replaced by its alt text.
    /// </summary>
    public bool AllowRemoteImages { get; init; }

    /// <summary>The URL schemes an a href may use. Relative URLs are never kept: in a mail they point nowhere.</summary>
    public IReadOnlySet<string> LinkSchemes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "cid" };

    /// <summary>The schemes an img src may use; https only counts when <see cref="AllowRemoteImages"/> is on.</summary>
    public IReadOnlySet<string> ImageSchemes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "https", "cid", "data" };

    /// <summary>The media types a data: image may have (never SVG, which can carry script).</summary>
    public IReadOnlySet<string> DataImageTypes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif" };
}
