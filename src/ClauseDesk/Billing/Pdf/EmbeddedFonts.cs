using PdfSharp.Fonts;

namespace ClauseDesk.Billing.Pdf;

/// <summary>
/// Serves DejaVu Sans (regular and bold) from the assembly's resources, so invoices render the same
/// on a server without any fonts installed. Every family name resolves to DejaVu Sans; italic is
/// not used on invoices.
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public static readonly EmbeddedFonts Instance = new();

    private static readonly Lock Gate = new();

    private EmbeddedFonts()
    {
    }

    /// <summary>Installs the resolver and the AGPL licence once per process; later calls do nothing.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                // ClauseDesk is AGPL-3.0, so PDFsharp 6.5 runs under its AGPL licence.
                PdfSharp.PdfSharpLicense.SetAgplLicense();
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName)
    {
        var resource = $"ClauseDesk.Billing.Pdf.Fonts.{faceName}.ttf";
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font resource {resource} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
