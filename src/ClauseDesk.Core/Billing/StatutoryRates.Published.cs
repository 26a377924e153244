namespace ClauseDesk.Billing;

public sealed partial class StatutoryRates
{
    /// <summary>The shipped table: <c>be-late-payment-rates.csv</c> beside this file, embedded in the assembly.</summary>
    internal static string PublishedCsv => ReadEmbedded("be-late-payment-rates.csv");

    private static string ReadEmbedded(string file)
    {
        var assembly = typeof(StatutoryRates).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
