using System.Security.Cryptography;
using System.Text;

namespace ClauseDesk.Infrastructure;

/// <summary>Messages for the tests, already in wire form (CRLF line endings).</summary>
public static class TestMessages
{
    /// <summary>A small text message with a unique Message-ID.</summary>
    public static byte[] Text(string subject, string body = "Hello.\r\n") => Encoding.UTF8.GetBytes(
        $"From: Customer <customer@example.test>\r\n" +
        $"To: Support <support@example.test>\r\n" +
        $"Subject: {subject}\r\n" +
        $"Message-ID: <{RandomNumberGenerator.GetHexString(16, true)}@example.test>\r\n" +
        "Date: Sun, 22 Nov 2026 08:00:00 +0100\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        body);

    /// <summary>
    /// A message of about <paramref name="size"/> bytes: random printable lines of 76 characters,
    /// some starting with '.', so that every byte counts.
    /// </summary>
    public static byte[] Large(int size)
    {
        var header = Text("A large message", "");
        var random = new Random(size);
        var output = new MemoryStream(size + 100);
        output.Write(header);
        var line = new byte[78];
        while (output.Length < size)
        {
            for (var i = 0; i < 76; i++)
            {
                line[i] = (byte)random.Next(0x21, 0x7F);
            }

            line[76] = (byte)'\r';
            line[77] = (byte)'\n';
            output.Write(line);
        }

        return output.ToArray();
    }
}
