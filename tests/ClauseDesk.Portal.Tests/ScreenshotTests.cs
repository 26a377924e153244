namespace ClauseDesk.Portal;

/// <summary>
/// The pages as people see them, on the demo data: docs/screenshots is made from these
/// (CLAUSEDESK_SCREENSHOTS names the folder; by default a temporary one).
/// </summary>
public sealed class ScreenshotTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task The_queue_and_a_ticket_on_a_laptop_and_a_phone()
    {
        await app.LoadDemoAsync();
        // A day and a half later some clocks are at risk and some breached, as on a real desk.
        app.Clock.Advance(TimeSpan.FromHours(30));
        var folder = Environment.GetEnvironmentVariable("CLAUSEDESK_SCREENSHOTS") is { Length: > 0 } chosen
            ? chosen
            : Directory.CreateTempSubdirectory("clausedesk-screenshots-").FullName;
        var agent = new Account(Guid.Empty, "Eva Agent", "eva@provider.demo", DemoData.Password);
        var page = await app.SignedInAsync(agent, "nl");

        await page.GotoAsync("/queue");
        var first = await page.Locator("table.queue tbody tr").First.GetAttributeAsync("data-number");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "queue.png") });

        // The ticket with the nearest deadline.
        var ticket = first!;
        await page.GotoAsync($"/tickets/{ticket}");
        // The working of the clock that runs, opened as someone checking it would.
        await page.Locator(".panel section.clock:is(.clock-on-track, .clock-at-risk, .clock-breached) details.working").First.EvaluateAsync("d => d.open = true");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "ticket.png") });

        var phone = await app.SignedInAsync(agent, "nl", 390, 844);
        await phone.GotoAsync($"/tickets/{ticket}");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(folder, "ticket-phone.png"), FullPage = true });
        await phone.GotoAsync("/queue");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(folder, "queue-phone.png") });

        var customer = await app.SignedInAsync(new Account(Guid.Empty, "LogisticsContact", "logisticscontact@customer.demo", DemoData.Password), "en");
        await customer.GotoAsync("/tickets");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(folder, "customer.png"), FullPage = true });

        await customer.GotoAsync("/tickets/CD-2026-000031");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(folder, "customer-ticket.png") });

        // The SLA report of the demo's customers, as an agent reads it, over the last three months.
        await page.GotoAsync("/reports?from=2026-09");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "report.png") });

        foreach (var name in new[] { "queue.png", "ticket.png", "ticket-phone.png", "queue-phone.png", "customer.png", "customer-ticket.png", "report.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, name));
            bytes[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, name);
        }
    }
}
