using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Billing.Volume;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing;

public sealed record SettlementView(Guid ContractId, int ContractYear, string YearStart, string YearLastDay, int Units, decimal Amount, string Invoice, WorkingView Working, InvoiceView? Issued);

/// <summary>
/// The overage of a finished contract year invoiced at its anniversary (seed 002 art. 4.3), once: the
/// settlement is unique per contract and year, and asking again answers the invoice already issued.
/// </summary>
public static class OverageInvoice
{
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Billing").RequireAuthorization();
        contracts.MapPost("/{id:guid}/usage/{year:int}/invoice", Settle).WithSummary("Invoice the overage of a finished contract year (1 = the first), once: asked again, it answers the invoice already issued (Idempotent-Replay: true) (provider admin)")
            .Produces<SettlementView>(StatusCodes.Status201Created).ProducesValidationProblem();
    }

    private static async Task<IResult> Settle(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, Guid id, int year, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var (contract, _, meter) = await MeteredVolume.LoadAsync(db, user, id, cancellation);
        if (year is < 1 or > 1000)
        {
            throw RequestException.Invalid("year", "the contract year, 1 for the first");
        }

        var index = year - 1;
        var today = UsageBilling.Today(clock, await UsageBilling.ZoneAsync(db, user, cancellation));
        var settled = await SettleAsync(db, gate, contract, meter, index, today, user.Name, clock.GetUtcNow(), cancellation);
        if (settled.Replay)
        {
            http.Response.Headers["Idempotent-Replay"] = "true";
            return Results.Ok(settled.View);
        }

        return Results.Created($"/api/invoices/{settled.View.Invoice}", settled.View);
    }

    /// <summary>What settling a year gave: the settlement's view, and whether it was made before (by a request or the sweep).</summary>
    internal sealed record Settled(SettlementView View, bool Replay);

    /// <summary>
    /// Settles contract year <paramref name="index"/> (0 = the first) once: the one path of the endpoint and
    /// the anniversary sweep. The writers of a contract take turns on its billing row and the settlement is
    /// unique per contract and year, so a request and the sweep, or two servers, never issue two invoices:
    /// whoever comes second finds the settlement and answers it.
    /// </summary>
    /// <exception cref="DeskRuleException">The year has not ended, or it has no overage (field <c>year</c>).</exception>
    /// <exception cref="RequestException">The provider's or the customer's invoicing details are missing.</exception>
    internal static async Task<Settled> SettleAsync(
        DeskDbContext db, WriteGate gate, ServiceContract contract, VolumeMeter meter, int index, LocalDate today, string issuedBy, DateTimeOffset now, CancellationToken cancellation)
    {
        var year = index + 1;
        var anniversary = meter.YearStart(index + 1);
        if (today < anniversary)
        {
            throw new DeskRuleException("year", $"contract year {year} ends on {UsageBilling.Iso(anniversary.PlusDays(-1))}; its overage is invoiced at the anniversary, {UsageBilling.Iso(anniversary)}", "seed 002 art. 4.3");
        }

        var tenant = await db.Tenants.FirstAsync(t => t.Id == contract.TenantId, cancellation);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == contract.OrganisationId, cancellation);
        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await UsageBilling.TakeTurnAsync(db, contract.Id, cancellation);
        await MeteredVolume.RestoreYearAsync(db, meter, contract.Id, index, cancellation);
        var overage = meter.Overage(index, today);
        var done = await db.UsageSettlements.AsNoTracking().FirstOrDefaultAsync(s => s.ContractId == contract.Id && s.ContractYear == index, cancellation);
        if (done is not null)
        {
            var issued = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == done.InvoiceNumber, cancellation);
            return new Settled(View(meter, done, overage.Working, issued), Replay: true);
        }

        var units = Math.Max(0, meter.CountIn(index) - meter.VolumeFor(index));
        if (units == 0)
        {
            throw new DeskRuleException("year", string.Join(" ", overage.Working.Steps), "seed 002 art. 4.3");
        }

        var (supplier, customer) = InvoiceEndpoints.Parties(tenant, organisation);
        var yearName = $"{UsageBilling.Iso(meter.YearStart(index))} to {UsageBilling.Iso(anniversary.PlusDays(-1))}";
        LineRequest line = new($"{meter.Rule.Unit}s beyond the yearly volume of {meter.VolumeFor(index)}, contract year {yearName} ({meter.CountIn(index)} counted; seed 002 art. 4.3)", units, Units.Piece, meter.PricePerExtraUnit.Amount, "21");
        var (invoice, document) = await InvoiceEndpoints.AddAsync(db, tenant.Id, organisation.Id, supplier, customer, [line], UsageBilling.Day(today), contract.Name, issuedBy, now, cancellation);
        var settlement = new UsageSettlement(contract.TenantId, contract.Id, index, units, overage.Value.Amount, invoice.Number, now);
        db.UsageSettlements.Add(settlement);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return new Settled(View(meter, settlement, overage.Working, invoice, document), Replay: false);
    }

    private static SettlementView View(VolumeMeter meter, UsageSettlement s, Working working, IssuedInvoice? issued, Invoice? document = null) => new(
        s.ContractId, s.ContractYear + 1, UsageBilling.Iso(meter.YearStart(s.ContractYear)), UsageBilling.Iso(meter.YearStart(s.ContractYear + 1).PlusDays(-1)), s.Units, s.Amount, s.InvoiceNumber,
        WorkingView.Of(working), issued is null ? null : InvoiceEndpoints.View(issued, document ?? InvoiceEndpoints.Document(issued).ToInvoice()));
}
