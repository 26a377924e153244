using ClauseDesk.Billing.Credits;
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
        var overage = lines.Where(l => l.Kind == CreditEntryKind.Overage).Sum(l => l.Amount);
        return new CreditsView(
            billing.ContractId, balance, $"{balance} quarter hours ({balance / 4} h {balance % 4 * 15:00} min)", billing.CreditPrice, billing.BeyondCredits.Code(), overage,
            [.. lines.Select(TicketTime.CreditView)]);
    }
}
