using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Mail;

/// <summary>The awkward real-world messages of the MIME corpus, through the whole desk: none lost, none processed twice, none crashing it.</summary>
public class MailCorpusTests
{
    private static string CorpusFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var corpus = Path.Combine(folder.FullName, "tests", "ClauseDesk.Mime.Tests", "Corpus");
            if (Directory.Exists(corpus))
            {
                return corpus;
            }
        }

        throw new DirectoryNotFoundException("the MIME corpus (tests/ClauseDesk.Mime.Tests/Corpus) is not above the test's folder");
    }

    [Fact]
    public async Task Every_corpus_message_is_recorded_once_and_its_senders_get_tickets()
    {
        await using var desk = await StartAsync("sqlite");
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name = "support", address = "support@provider.example" }), HttpStatusCode.Created);
        var organisation = await desk.CreateOrganisationAsync("Corpus customers");
        await desk.CreateContractAsync(organisation.Id, "software-support");
        var files = Directory.GetFiles(CorpusFolder(), "*.eml").Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(30);

        // Every sender the corpus names is a known person, so the messages go as far as they can: tickets and replies.
        var senders = files.Select(f => Mime.MimeMessage.Parse(File.ReadAllBytes(f)).From.FirstOrDefault()?.Address.ToLowerInvariant())
            .Where(a => a is not null && a.Contains('@') && a != "support@provider.example").Distinct().ToList();
        foreach (var sender in senders)
        {
            await Json(await desk.Admin.PostAsJsonAsync("/api/people", new { name = sender, email = sender, role = "contact-person", organisationId = organisation.Id }), HttpStatusCode.Created);
        }

        var outcomes = new List<(string File, IntakeResult Result)>();
        foreach (var file in files)
        {
            outcomes.Add((Path.GetFileName(file), await desk.ReceiveMailAsync("support", await File.ReadAllBytesAsync(file))));
        }

        foreach (var file in files)
        {
            (await desk.ReceiveMailAsync("support", await File.ReadAllBytesAsync(file))).AlreadyReceived.ShouldBeTrue($"{Path.GetFileName(file)} taken in twice");
        }

        var received = await Json(await desk.Admin.GetAsync("/api/mail/received?limit=500"), HttpStatusCode.OK);
        received.GetArrayLength().ShouldBe(files.Select(File.ReadAllBytes).Select(Convert.ToBase64String).Distinct().Count(), "one record per distinct message");
        outcomes.Where(o => o.File.Contains("bounce", StringComparison.Ordinal) || o.File.Contains("auto-replied", StringComparison.Ordinal) || o.File.Contains("x-autoreply", StringComparison.Ordinal))
            .ShouldAllBe(o => o.Result.Outcome == MailOutcome.Ignored);
        outcomes.Count(o => o.Result.Outcome == MailOutcome.Opened).ShouldBeGreaterThan(10);
        outcomes.Single(o => o.File == "19-empty.eml").Result.Outcome.ShouldBe(MailOutcome.Quarantined);
        var tickets = await Json(await desk.Admin.GetAsync("/api/tickets?pageSize=100"), HttpStatusCode.OK);
        tickets.GetProperty("total").GetInt32().ShouldBe(outcomes.Count(o => o.Result.Outcome == MailOutcome.Opened));
    }
}
