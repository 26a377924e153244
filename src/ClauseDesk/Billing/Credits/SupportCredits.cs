using ClauseDesk.Billing.Credits;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>A block of credits bought: quarter hours, the price of one (default the contract's), and the order or invoice it belongs to.</summary>
public sealed record CreditPurchaseRequest(int? QuarterHours, decimal? PricePerQuarterHour, string? Reference);

public sealed record CreditsView(Guid ContractId, int Balance, string BalanceText, decimal PricePerQuarterHour, string BeyondBalance, decimal OverageToInvoice, IReadOnlyList<CreditLineView> History);

/// <summary>
/// Support credits (seed 002 art. 4.7, SPEC §5): blocks bought in quarter hours, consumed by time entries
/// per started quarter hour; the ledger keeps every line with its working.
/// </summary>
public static class SupportCredits
{
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Billing").RequireAuthorization();
        contracts.MapPost("/{id:guid}/credits", Buy).WithSummary("Record a block of support credits bought: quarter hours, price per quarter hour excl. VAT, order reference (provider admin)")
            .Produces<CreditsView>(StatusCodes.Status201Created).ProducesValidationProblem();
        contracts.MapPost("/{id:guid}/credits/invoice", InvoiceOverage).WithSummary("Invoice the support given beyond the credits and not invoiced yet, each line at the price its working names (credit price, or the hourly rate as extra work), once (provider admin)")
            .Produces<InvoiceView>(StatusCodes.Status201Created).ProducesValidationProblem();
        contracts.MapGet("/{id:guid}/credits", Get).WithSummary("The support-credit balance in quarter hours and the ledger (purchases, consumption, overage to invoice), each line with its working (staff, customer admin, contact person)");
    }

    internal static Task<CreditLine?> LastAsync(DeskDbContext db, Guid contractId, CancellationToken cancellation) =>
        db.CreditLines.AsNoTracking().Where(c => c.ContractId == contractId).OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellation);

    private static async Task<IResult> Buy(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, Guid id, CreditPurchaseRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var billing = await db.ContractBilling.FirstOrDefaultAsync(b => b.ContractId == contract.Id && b.HourlyRate != null, cancellation)
            ?? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No rates", "rates", $"set the contract's rates first (credit price, beyond the balance): PUT /api/contracts/{contract.Id}/rates");
        var quarterHours = request.QuarterHours ?? throw RequestException.Invalid("quarterHours", "how many quarter hours the block holds (4 = one hour)");
        if (quarterHours is < 1 or > SupportCreditAccount.MaxBlockHours * 4)
        {
            throw RequestException.Invalid("quarterHours", $"1 to {SupportCreditAccount.MaxBlockHours * 4} quarter hours");
        }

        var reference = string.IsNullOrWhiteSpace(request.Reference) ? "purchase" : request.Reference.Trim();
        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await UsageBilling.TakeTurnAsync(db, contract.Id, cancellation);
        var last = await LastAsync(db, contract.Id, cancellation);
        var account = billing.Credits(last?.BalanceAfter ?? 0, last is null ? null : Instant.FromDateTimeOffset(last.At), request.PricePerQuarterHour);
        var bought = account.BuyQuarterHours(Instant.FromDateTimeOffset(clock.GetUtcNow()), quarterHours, reference);
        db.CreditLines.Add(new CreditLine(user.TenantId, contract.Id, (last?.Sequence ?? 0) + 1, bought, null, UsageBilling.Keep(bought.Working)));
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Results.Created($"/api/contracts/{contract.Id}/credits", await ViewAsync(db, billing, cancellation));
    }

    /// <summary>
    /// One invoice for the overage lines not yet invoiced, in ledger order, each as one line with its clause;
    /// the lines are marked in the same transaction, taken in turns on the contract's billing row, so a
    /// line is never invoiced twice.
    /// </summary>
    private static async Task<IResult> InvoiceOverage(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var tenant = await db.Tenants.FirstAsync(t => t.Id == contract.TenantId, cancellation);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == contract.OrganisationId, cancellation);
        var (supplier, customer) = InvoiceEndpoints.Parties(tenant, organisation);
        var today = UsageBilling.Today(clock, await UsageBilling.ZoneAsync(db, user, cancellation));
        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await UsageBilling.TakeTurnAsync(db, contract.Id, cancellation);
        var open = await db.CreditLines.Where(c => c.ContractId == contract.Id && c.Kind == CreditEntryKind.Overage && c.InvoiceNumber == null)
            .OrderBy(c => c.Sequence).ToListAsync(cancellation);
        if (open.Count == 0)
        {
            throw new DeskRuleException("credits", "no support beyond the credits is left to invoice");
        }

        var lines = open.Select(l => new LineRequest(
            $"Support beyond the credits, {l.Reference}, {l.At.UtcDateTime:yyyy-MM-dd}: {l.QuarterHours} quarter hour{(l.QuarterHours == 1 ? "" : "s")} ({UsageBilling.Kept(l.WorkingJson).Clause})",
            1, Units.Piece, l.Amount, "21")).ToList();
        var (invoice, document) = await InvoiceEndpoints.AddAsync(db, tenant.Id, organisation.Id, supplier, customer, lines, UsageBilling.Day(today), contract.Name, user.Name, clock.GetUtcNow(), cancellation);
        foreach (var line in open)
        {
            line.MarkInvoiced(invoice.Number);
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Results.Created($"/api/invoices/{invoice.Number}", InvoiceEndpoints.View(invoice, document));
    }

    private static async Task<CreditsView> Get(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        UsageBilling.RequireContractReader(user);
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var billing = await db.ContractBilling.AsNoTracking().FirstOrDefaultAsync(b => b.ContractId == contract.Id, cancellation)
            ?? new ContractBilling(contract.TenantId, contract.Id);
        return await ViewAsync(db, billing, cancellation);
    }

    private static async Task<CreditsView> ViewAsync(DeskDbContext db, ContractBilling billing, CancellationToken cancellation)
    {
        var lines = await db.CreditLines.AsNoTracking().Where(c => c.ContractId == billing.ContractId).OrderBy(c => c.Sequence).ToListAsync(cancellation);
        var balance = lines.Count == 0 ? 0 : lines[^1].BalanceAfter;
        var overage = lines.Where(l => l.Kind == CreditEntryKind.Overage && l.InvoiceNumber is null).Sum(l => l.Amount);
        return new CreditsView(
            billing.ContractId, balance, $"{balance} quarter hours ({balance / 4} h {balance % 4 * 15:00} min)", billing.CreditPrice, billing.BeyondCredits.Code(), overage,
            [.. lines.Select(TicketTime.CreditView)]);
    }
}
