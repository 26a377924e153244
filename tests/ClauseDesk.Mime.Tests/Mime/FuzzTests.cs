using System.Diagnostics;
using System.Text;
using ClauseDesk.Html;

namespace ClauseDesk.Mime.Tests;

/// <summary>
/// Mutates the corpus with deterministic seeds (byte flips, truncations, duplications, inserted
/// boundaries and headers, random bytes) and checks that Parse never throws, never falls back on
/// its last-resort catch, and does bounded work for each input.
/// </summary>
public class FuzzTests
{
    private const int Iterations = 6000;

    private static readonly string[] Tokens =
    [
        "\r\n", "\n", "\r\n\r\n", "\r", "--", "=?", "?=", "=?utf-8?b?", "=?utf-8?q?=E2=82", "=?x?q?", "\"", "(", ")", "((((((((", "<", ">", "@", ",", ";", ":",
        "Content-Type: multipart/mixed; boundary=x\r\n", "Content-Type: message/rfc822\r\n\r\n", "Content-Type: text/plain; charset=x-bogus\r\n",
        "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n", "Content-Type: multipart/digest; boundary=\"\"\r\n",
        "filename*0*=utf-8''%E2%82", "; filename*99999999999*=x", "; name*=''", "=\r\n", "=ZZ", "==", "\t", " ", "\0", "\u00ff",
        "From: \"a\" <b@c>, (d <e@f>;", "Date: 31 Feb 99999 25:61:61 +9999\r\n", "Subject: =?utf-8?B?4oKs?=\r\n", "References: <<<>>>\r\n",
        "Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n", "--x\r\n", "--x--\r\n", "\r\n--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n",
    ];

    [Fact]
    public void Parse_never_throws_and_stays_bounded_on_mutated_corpus_messages()
    {
        var corpus = Corpus.Messages().Select(Corpus.Bytes).ToArray();
        var sanitiser = new HtmlSanitiser();
        foreach (var message in corpus)
        {
            Touch(MimeMessage.Parse(message), 0); // warm up: the first parse compiles and registers code pages
        }
        var total = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        for (var seed = 0; seed < Iterations; seed++)
        {
            var random = new Random(seed);
            var input = Mutate(corpus[seed % corpus.Length], random, corpus);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            MimeMessage message;
            try
            {
                message = MimeMessage.Parse(input);
                Touch(message, depth: 0);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"seed {seed} threw; input: {Convert.ToBase64String(input)}", e);
            }
            var elapsed = clock.Elapsed;
            slowest = elapsed > slowest ? elapsed : slowest;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            message.Defects.ShouldNotContain(d => d.Kind == MimeDefectKind.InternalError, $"seed {seed}");
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), $"seed {seed} took {elapsed}");
            allocated.ShouldBeLessThan(200L * input.Length + 4_000_000, $"seed {seed} allocated {allocated} bytes for {input.Length}");

            if (seed % 20 == 0 && message.HtmlBody is { } html)
            {
                var safe = sanitiser.Sanitise(html);
                sanitiser.Sanitise(safe).ShouldBe(safe, $"seed {seed}");
                HtmlText.ToPlainText(html);
            }
        }
        total.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    /// <summary>Reads every property a caller may read, nested messages included.</summary>
    private static void Touch(MimeMessage message, int depth)
    {
        _ = message.Subject;
        _ = message.From.Count + message.To.Count + message.Cc.Count + message.ReplyTo.Count;
        _ = message.Date;
        _ = message.MessageId;
        _ = message.References.Count + message.InReplyTo.Count;
        _ = message.IsAutomatic;
        foreach (var header in message.Headers)
        {
            _ = header.Value;
        }
        QuotedHistory.Split(message.TextBody);
        foreach (var attachment in message.Attachments)
        {
            _ = attachment.FileName;
            _ = attachment.Size;
            if (attachment.Entity.Message is { } nested && depth < 3)
            {
                Touch(nested, depth + 1);
            }
        }
        foreach (var entity in message.Body.Descendants())
        {
            _ = entity.ContentDisposition?.FileName;
            _ = entity.ContentType.Parameters.All.Count;
        }
    }

    private static byte[] Mutate(byte[] original, Random random, byte[][] corpus)
    {
        var data = new List<byte>(original);
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(9))
            {
                case 0: // byte flips
                    for (var k = random.Next(1, 20); k > 0 && data.Count > 0; k--)
                    {
                        var at = random.Next(data.Count);
                        data[at] = random.Next(2) == 0 ? (byte)(data[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
                    }
                    break;
                case 1: // truncation
                    if (data.Count > 0)
                    {
                        var keep = random.Next(data.Count + 1);
                        data.RemoveRange(keep, data.Count - keep);
                    }
                    break;
                case 2: // duplication of a slice
                    if (data.Count > 0)
                    {
                        var start = random.Next(data.Count);
                        var length = random.Next(Math.Min(2000, data.Count - start) + 1);
                        var slice = data.GetRange(start, length);
                        var copies = random.Next(1, 4);
                        for (var c = 0; c < copies; c++)
                        {
                            data.InsertRange(random.Next(data.Count + 1), slice);
                        }
                    }
                    break;
                case 3: // an inserted boundary of the message itself
                    var boundary = FindBoundary(data);
                    if (boundary is not null)
                    {
                        var line = random.Next(3) switch
                        {
                            0 => $"\r\n--{boundary}\r\n",
                            1 => $"\r\n--{boundary}--\r\n",
                            _ => $"\n--{boundary}\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\n\n--{boundary}\n",
                        };
                        data.InsertRange(random.Next(data.Count + 1), Encoding.ASCII.GetBytes(line));
                    }
                    break;
                case 4: // random bytes
                    var bytes = new byte[random.Next(1, 200)];
                    random.NextBytes(bytes);
                    data.InsertRange(random.Next(data.Count + 1), bytes);
                    break;
                case 5: // a nasty token
                    data.InsertRange(random.Next(data.Count + 1), Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 6: // a deleted slice
                    if (data.Count > 0)
                    {
                        var start = random.Next(data.Count);
                        data.RemoveRange(start, random.Next(Math.Min(500, data.Count - start) + 1));
                    }
                    break;
                case 7: // a slice of another message spliced in
                    var other = corpus[random.Next(corpus.Length)];
                    if (other.Length > 0)
                    {
                        var start = random.Next(other.Length);
                        data.InsertRange(random.Next(data.Count + 1), other.AsSpan(start, random.Next(Math.Min(3000, other.Length - start) + 1)).ToArray());
                    }
                    break;
                default: // line ends switched
                    var text = data.ToArray();
                    data = [.. random.Next(2) == 0
                        ? Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(text).Replace("\r\n", "\n", StringComparison.Ordinal))
                        : Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(text).Replace("\n", "\r\r\n", StringComparison.Ordinal))];
                    break;
            }
        }
        return [.. data];
    }

    private static string? FindBoundary(List<byte> data)
    {
        var text = Encoding.Latin1.GetString(data.ToArray());
        var at = text.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }
        var value = text[(at + 9)..].TrimStart('"');
        var end = value.IndexOfAny(['"', ';', '\r', '\n', ' ']);
        return end <= 0 ? null : value[..end];
    }

    [Fact]
    public void Random_bytes_and_pathological_shapes_parse_without_throwing()
    {
        var random = new Random(1234);
        var shapes = new List<byte[]>
        {
            Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("X: y\r\n", 50_000))),
            Encoding.ASCII.GetBytes("Subject: " + string.Concat(Enumerable.Repeat("=?utf-8?q?a?= ", 50_000))),
            Encoding.ASCII.GetBytes("To: " + new string('(', 100_000)),
            Encoding.ASCII.GetBytes("To: " + string.Concat(Enumerable.Repeat("a@b, ", 50_000))),
            Encoding.ASCII.GetBytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n" + string.Concat(Enumerable.Repeat("--b\r\n", 50_000))),
            Encoding.ASCII.GetBytes("Content-Type: text/plain;" + string.Concat(Enumerable.Repeat(" a*1*=x;", 20_000))),
            Encoding.ASCII.GetBytes(new string('\n', 100_000)),
            Encoding.ASCII.GetBytes(" continuation first\r\n\r\n"),
        };
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 5000)];
            random.NextBytes(bytes);
            shapes.Add(bytes);
        }
        var clock = Stopwatch.StartNew();
        foreach (var shape in shapes)
        {
            var message = MimeMessage.Parse(shape);
            Touch(message, 0);
            message.Defects.ShouldNotContain(d => d.Kind == MimeDefectKind.InternalError);
            message.Defects.Count.ShouldBeLessThanOrEqualTo(501);
        }
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
