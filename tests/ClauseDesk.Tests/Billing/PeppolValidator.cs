using System.Diagnostics;
using System.Xml.Linq;

namespace ClauseDesk.Billing;

/// <summary>A failed assertion of a validation rule, read from the SVRL report.</summary>
/// <param name="Id">The rule, e.g. <c>BR-CO-16</c> or <c>PEPPOL-COMMON-R043</c>.</param>
/// <param name="Flag"><c>fatal</c> makes the document invalid; <c>warning</c> does not.</param>
/// <param name="Text">The rule's message.</param>
/// <param name="Location">XPath of the offending element.</param>
/// <param name="Artefact">Which rule set: <c>CEN-EN16931-UBL</c> or <c>PEPPOL-EN16931-UBL</c>.</param>
public sealed record Finding(string Id, string Flag, string Text, string Location, string Artefact)
{
    public bool IsFatal => Flag == "fatal";

    public override string ToString() => $"{Artefact} {Id} ({Flag}) at {Location}: {Text}";
}

/// <summary>What both rule sets said about one document.</summary>
/// <param name="Findings">Every failed assertion, fatal and warning.</param>
/// <param name="FiredRules">How many rules fired, summed over both rule sets: proof the rules ran at all.</param>
public sealed record Validation(IReadOnlyList<Finding> Findings, int FiredRules)
{
    public IReadOnlyList<Finding> Fatal => [.. Findings.Where(f => f.IsFatal)];
}

/// <summary>
/// Runs the official Peppol BIS Billing 3.0 validation artefacts (EN 16931 and Peppol rules,
/// compiled to XSLT) over UBL documents with Saxon-HE from Debian. Saxon compiles each stylesheet
/// in a few seconds, so one call validates a whole folder: one java process per rule set, both at once.
/// </summary>
public static class PeppolValidator
{
    public const string SaxonJar = "/usr/share/java/Saxon-HE.jar";

    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    /// <summary>The two rule sets, by name.</summary>
    public static readonly IReadOnlyList<string> Artefacts = ["CEN-EN16931-UBL", "PEPPOL-EN16931-UBL"];

    /// <summary>The shared folder's peppol directory, found by walking up from the test assembly.</summary>
    public static string PeppolDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "peppol");
                if (File.Exists(Path.Combine(candidate, "README.md")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"no shared/peppol/README.md above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Validates every document against both rule sets; the keys name the documents.</summary>
    /// <exception cref="InvalidOperationException">Saxon failed to run or wrote no report.</exception>
    public static async Task<IReadOnlyDictionary<string, Validation>> ValidateAsync(IReadOnlyDictionary<string, byte[]> documents)
    {
        var work = Path.Combine(Path.GetTempPath(), "clausedesk-peppol-" + Guid.NewGuid().ToString("N"));
        var input = Directory.CreateDirectory(Path.Combine(work, "in")).FullName;
        try
        {
            foreach (var (name, xml) in documents)
            {
                await File.WriteAllBytesAsync(Path.Combine(input, name + ".xml"), xml);
            }

            var runs = Artefacts.Select(a => TransformAsync(input, Path.Combine(PeppolDirectory, "xslt", a + ".xslt"), Directory.CreateDirectory(Path.Combine(work, a)).FullName)).ToList();
            await Task.WhenAll(runs);

            var results = new Dictionary<string, Validation>();
            foreach (var name in documents.Keys)
            {
                var findings = new List<Finding>();
                var fired = 0;
                foreach (var artefact in Artefacts)
                {
                    var report = Path.Combine(work, artefact, name + ".xml");
                    if (!File.Exists(report))
                    {
                        throw new InvalidOperationException($"Saxon wrote no {artefact} report for {name}.");
                    }

                    var svrl = XDocument.Load(report);
                    fired += svrl.Descendants(Svrl + "fired-rule").Count();
                    findings.AddRange(svrl.Descendants(Svrl + "failed-assert").Select(f => new Finding(
                        (string?)f.Attribute("id") ?? "",
                        (string?)f.Attribute("flag") ?? "",
                        ((string?)f.Element(Svrl + "text") ?? "").Trim(),
                        (string?)f.Attribute("location") ?? "",
                        artefact)));
                }

                results[name] = new Validation(findings, fired);
            }

            return results;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task TransformAsync(string inputDirectory, string stylesheet, string outputDirectory)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-cp", SaxonJar, "net.sf.saxon.Transform", $"-s:{inputDirectory}", $"-xsl:{stylesheet}", $"-o:{outputDirectory}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Saxon did not finish {Path.GetFileName(stylesheet)} within 3 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Saxon failed on {Path.GetFileName(stylesheet)} (exit {process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
