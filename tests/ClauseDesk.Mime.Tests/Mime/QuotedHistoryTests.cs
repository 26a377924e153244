namespace ClauseDesk.Mime.Tests;

/// <summary>Where the new text of a reply ends and its quoted history begins.</summary>
public class QuotedHistoryTests
{
    [Theory]
    [InlineData("Thanks!\n\nOn Tue, 24 Nov 2026 at 10:00, Desk <d@x.example> wrote:\n> old", "Thanks!", "On Tue, 24 Nov 2026 at 10:00, Desk <d@x.example> wrote:\n> old")]
    [InlineData("Bedankt\r\n\r\nOp di 24 nov. 2026 om 10:00 schreef Desk <d@x.example>:\r\n> oud", "Bedankt", "Op di 24 nov. 2026 om 10:00 schreef Desk <d@x.example>:\n> oud")]
    [InlineData("Bedankt\n\nDesk <d@x.example> schreef op 24 november 2026 10:00:\n\n> oud", "Bedankt", "Desk <d@x.example> schreef op 24 november 2026 10:00:\n\n> oud")]
    [InlineData("Merci\n\nLe mar. 24 nov. 2026 à 10:00, Desk <d@x.example> a écrit :\n> ancien", "Merci", "Le mar. 24 nov. 2026 à 10:00, Desk <d@x.example> a écrit :\n> ancien")]
    [InlineData("Merci\n\nLe 24/11/2026 à 10:00, Desk a écrit:\n> ancien", "Merci", "Le 24/11/2026 à 10:00, Desk a écrit:\n> ancien")]
    [InlineData("Ok\n\n-----Original Message-----\nFrom: Desk\nSent: Tuesday\n\nold", "Ok", "-----Original Message-----\nFrom: Desk\nSent: Tuesday\n\nold")]
    [InlineData("Ok\n\n-----Oorspronkelijk bericht-----\nVan: Desk\n\noud", "Ok", "-----Oorspronkelijk bericht-----\nVan: Desk\n\noud")]
    [InlineData("Ok\n\nFrom: Desk <d@x.example>\nSent: Tuesday, November 24, 2026 10:00 AM\nTo: me\nSubject: x\n\nold", "Ok", "From: Desk <d@x.example>\nSent: Tuesday, November 24, 2026 10:00 AM\nTo: me\nSubject: x\n\nold")]
    [InlineData("Ok\n\n*From:* Desk\n*Sent:* Tuesday\n\nold", "Ok", "*From:* Desk\n*Sent:* Tuesday\n\nold")]
    [InlineData("Ok\n\nVan: Desk\nVerzonden: dinsdag 24 november 2026 10:00\n\noud", "Ok", "Van: Desk\nVerzonden: dinsdag 24 november 2026 10:00\n\noud")]
    [InlineData("Ok\n\nDe : Desk\nEnvoyé : mardi 24 novembre 2026 10:00\n\nancien", "Ok", "De : Desk\nEnvoyé : mardi 24 novembre 2026 10:00\n\nancien")]
    [InlineData("Top\n\n> quoted\n> more", "Top", "> quoted\n> more")]
    public void The_history_starts_at_the_first_reply_header_or_quote(string text, string newPart, string history)
    {
        var split = QuotedHistory.Split(text);
        split.NewPart.ShouldBe(newPart);
        split.History.ShouldBe(history);
        split.HasHistory.ShouldBeTrue();
    }

    [Fact]
    public void Text_without_history_is_all_new()
    {
        var split = QuotedHistory.Split("From the top of my head: the printer is broken.\nOnce again.");
        split.NewPart.ShouldBe("From the top of my head: the printer is broken.\nOnce again.");
        split.History.ShouldBeEmpty();
        split.HasHistory.ShouldBeFalse();
    }

    [Fact]
    public void A_from_line_without_a_sent_line_is_no_history()
    {
        var split = QuotedHistory.Split("Hi,\nFrom: my experience the router needs a reboot.\nBye");
        split.HasHistory.ShouldBeFalse();
    }

    [Fact]
    public void An_answer_below_the_quote_is_the_new_part()
    {
        var split = QuotedHistory.Split("> Can you reboot the router?\n> And check the cable?\n\nDone, both.\n");
        split.NewPart.ShouldBe("Done, both.");
        split.History.ShouldBe("> Can you reboot the router?\n> And check the cable?");
    }

    [Fact]
    public void Empty_and_null_text_split_into_nothing()
    {
        QuotedHistory.Split(null).ShouldBe(new QuotedSplit("", ""));
        QuotedHistory.Split("").ShouldBe(new QuotedSplit("", ""));
    }

    [Fact]
    public void A_very_long_line_does_not_slow_the_split()
    {
        var text = "On " + new string('x', 200_000) + " wrote:\n> old";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        QuotedHistory.Split(text).HasHistory.ShouldBeTrue();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }
}
