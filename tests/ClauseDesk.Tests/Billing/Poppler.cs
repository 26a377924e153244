using System.Diagnostics;

namespace ClauseDesk.Billing;

/// <summary>Runs Debian's poppler-utils (pdftoppm, pdftotext, pdfinfo, pdffonts, pdfimages) on a PDF.</summary>
public sealed class Poppler : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "clausedesk-pdf-" + Guid.NewGuid().ToString("N"))).FullName;

    public Poppler(byte[] pdf)
    {
        PdfPath = Path.Combine(_directory, "document.pdf");
        File.WriteAllBytes(PdfPath, pdf);
    }

    public string PdfPath { get; }

    /// <summary>The text, in reading layout.</summary>
    public string Text() => Run("/usr/bin/pdftotext", "-layout", PdfPath, "-");

    public string Info() => Run("/usr/bin/pdfinfo", PdfPath);

    public string Fonts() => Run("/usr/bin/pdffonts", PdfPath);

    public string Images() => Run("/usr/bin/pdfimages", "-list", PdfPath);

    /// <summary>Page 1 as PNG at <paramref name="dpi"/>.</summary>
    public byte[] FirstPagePng(int dpi)
    {
        var prefix = Path.Combine(_directory, "page");
        Run("/usr/bin/pdftoppm", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", PdfPath, prefix);
        return File.ReadAllBytes(prefix + ".png");
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new InvalidOperationException($"{tool} did not finish within a minute.");
        }

        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {stderr.Result}");
    }
}
