using System.Text.Json;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Calendars;
using ClauseDesk.Data;
using ClauseDesk.Sla;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Contracts.Penalties;

/// <summary>What the claim letter says: who writes to whom, about which contract and which breaches.</summary>
/// <param name="Customer">The sender: the customer's invoicing details.</param>
/// <param name="Provider">The addressee: the provider's invoicing details.</param>
/// <param name="Contract">The contract's name.</param>
/// <param name="Calendar">The contract's calendar: dues are shown in its zone.</param>
/// <param name="Statement">The month's penalties; the letter claims the breaches not lapsed.</param>
/// <param name="Today">The letter's date.</param>
public sealed record ClaimLetterContent(Party Customer, Party Provider, string Contract, BusinessCalendar Calendar, PenaltyStatement Statement, LocalDate Today);

/// <summary>
/// The customer's claim for a month's penalties, as the PDF letter art. 40.4 asks for ("per aangetekend
/// schrijven"): from the customer's invoicing address to the provider's, with every breach still
/// claimable, the total after the cap and the day by which it must be posted.
/// </summary>
public static class ClaimLetter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static async Task<IResult> Get(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, string? month, string? language, CancellationToken cancellation)
    {
        var chosen = InvoiceEndpoints.Language(language);
        var (contract, statement) = await MonthPenalties.LoadAsync(http, db, clock, id, month, cancellation);
        if (statement.Breaches.All(b => b.Lapsed))
        {
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Nothing to claim", "month",
                statement.Breaches.Count == 0
                    ? $"no service-level breach in {statement.Month:uuuu-MM}: there is nothing to claim"
                    : $"the claim deadline of every breach in {statement.Month:uuuu-MM} has passed (seed 001 art. 40.4)");
        }

        var tenant = await db.Tenants.FirstAsync(t => t.Id == contract.TenantId, cancellation);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == contract.OrganisationId, cancellation);
        var provider = tenant.BillingJson is { } p
            ? JsonSerializer.Deserialize<BillingDetails>(p, Json)!.ToParty("provider", supplier: false)
            : throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No address", "provider", "the letter needs the provider's name and address: PUT /api/provider/billing");
        var customer = organisation.BillingJson is { } c
            ? JsonSerializer.Deserialize<BillingDetails>(c, Json)!.ToParty("organisation", supplier: false)
            : throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No address", "organisation", "the letter needs the customer's name and address: PUT /api/organisations/{id}/billing");
        var calendar = contract.Policy().Calendar;
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(calendar.TimeZone).Date;
        var content = new ClaimLetterContent(customer, provider, contract.Name, calendar, statement, today);
        return Results.File(ClaimLetterPdf.Render(content, chosen), "application/pdf", $"claim-{statement.Month:uuuu-MM}.pdf");
    }
}
