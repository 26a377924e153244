using System.Diagnostics;

namespace ClauseDesk.Mime.Tests;

/// <summary>Large messages parse in time and memory proportional to their size.</summary>
public class LargeMessageTests
{
    [Fact]
    public void A_20_mb_attachment_parses_with_its_bytes_identical()
    {
        var content = new byte[20 * 1024 * 1024];
        new Random(20).NextBytes(content);
        var bytes = new MimeMessageBuilder()
            .From(null, "big@sender.example").To(null, "support@clausedesk.example").Subject("Big file")
            .TextBody("See the attachment.")
            .Attach("disk.img", "application/octet-stream", content)
            .ToBytes();

        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var message = MimeMessage.Parse(bytes);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        message.Defects.ShouldBeEmpty();
        message.TextBody.ShouldBe("See the attachment.");
        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Size.ShouldBe(content.Length);
        attachment.Content.AsSpan().SequenceEqual(content).ShouldBeTrue();
        // Linear: the decoded bytes plus the base64 bytes once more, not a string per line.
        allocated.ShouldBeLessThan(3L * bytes.Length);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Parse_time_grows_linearly_with_the_number_of_parts_and_lines()
    {
        static TimeSpan Time(int parts)
        {
            var builder = new System.Text.StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
            for (var i = 0; i < parts; i++)
            {
                builder.Append("--b\r\nContent-Type: text/plain\r\nX-A: 1\r\nX-B: 2\r\n\r\nline one\r\nline two\r\n");
            }
            builder.Append("--b--\r\n");
            var bytes = System.Text.Encoding.ASCII.GetBytes(builder.ToString());
            MimeMessage.Parse(bytes).Body.Parts.Count.ShouldBe(parts);
            var best = TimeSpan.MaxValue;
            for (var run = 0; run < 5; run++)
            {
                var clock = Stopwatch.StartNew();
                MimeMessage.Parse(bytes);
                best = clock.Elapsed < best ? clock.Elapsed : best;
            }
            return best;
        }
        var small = Time(500);
        var large = Time(4000);
        // Eight times the input (best of five runs, caches and GC make it noisy): far below the
        // 64 times a quadratic parser would take.
        large.ShouldBeLessThan(small * 30 + TimeSpan.FromMilliseconds(100));
    }
}
