
namespace ClauseDesk.Mime.Tests;

/// <summary>The .eml files under Corpus/, copied next to the test assembly.</summary>
internal static class Corpus
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static MimeMessage Parse(string name) => MimeMessage.Parse(Bytes(name));

    public static IReadOnlyList<string> Messages() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
