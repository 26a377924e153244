using System.Text.Json;
using ClauseDesk.Billing;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

public sealed record IndexationClauseRequest(string? Formula, string? Series, string? BaseMonth, decimal? BaseIndex, decimal? BasePrice);

public sealed record ApplyIndexationRequest(DateOnly? IndexationDay);

public sealed record IndexationClauseView(Guid ContractId, string Formula, string Series, string BaseMonth, decimal BaseIndex, decimal BasePrice, string IndexationDays);

public sealed record IndexationPreview(
    Guid ContractId, string On, string IndexationDay, string IndexMonth, string Formula, string Series, decimal BasePrice, decimal? CurrentFee,
    decimal Price, bool Applied, string? AppliedAt, string? AppliedBy, WorkingView Working);

/// <summary>
/// A contract's indexation clause (SPEC §5): set it, preview the new price with its full working on
/// any day, and apply it once per indexation day, after which the contract's monthly fee is the new price.
/// </summary>
public static class ContractIndexationEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapContractIndexation(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapPut("/{id:guid}/indexation", SetClause)
            .WithSummary("Set the indexation clause: formula (agoria, cpi), index series, base month YYYY-MM (its index from the series unless baseIndex is given) and base price P0, by default the monthly fee (provider admin)");
        contracts.MapGet("/{id:guid}/indexation", Preview)
            .WithSummary("Preview the indexed price on the indexation day that applies on a day (?on=YYYY-MM-DD, default today), with its working: which day, which months' indices, the formula and the rounding");
        contracts.MapPost("/{id:guid}/indexation/apply", Apply)
            .WithSummary("Apply the indexation of an indexation day (default the last one up to today) once: the monthly fee becomes the new price; refused before the day or when an index is missing (provider admin)");
        return endpoints;
    }

    private static async Task<IndexationClauseView> SetClause(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, IndexationClauseRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var term = ContractLookup.TermOf(contract);
        var formula = request.Formula is { } f && Indexation.Names.TryGetValue(f, out var named) ? named
            : throw RequestException.Invalid("formula", "agoria or cpi");
        var series = request.Series ?? throw RequestException.Invalid("series", "the name of the index series, e.g. agoria-digital");
        if (!IndexSeries.IsName(series))
        {
            throw RequestException.Invalid("series", "a series name is 1–64 lower-case letters, digits and hyphens");
        }

        var baseMonth = ParseMonth(request.BaseMonth, "baseMonth");
        var baseIndex = request.BaseIndex ?? (await IndexSeriesEndpoints.LookupAsync(db, series, cancellation))(baseMonth)
            ?? throw new DeskRuleException("baseMonth", $"the series '{series}' has no value for {IndexSeries.Month(baseMonth)}: import it, or give baseIndex");
        var basePrice = request.BasePrice ?? contract.MonthlyFee ?? throw RequestException.Invalid("basePrice", "the base price P0: the contract has no monthly fee to start from");
        var clause = new IndexationClause(user.TenantId, contract.Id, formula, series, baseMonth, baseIndex, basePrice, user.Name, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.IndexationClauses.Where(c => c.ContractId == contract.Id).ExecuteDeleteAsync(cancellation);
        db.IndexationClauses.Add(clause);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return new IndexationClauseView(contract.Id, FormulaName(formula), series, IndexSeries.Month(baseMonth), baseIndex, basePrice,
            term.Indexation == IndexationDay.Anniversary ? "anniversary" : "first-of-january");
    }

    private static async Task<IndexationPreview> Preview(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, DateOnly? on, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var term = ContractLookup.TermOf(contract);
        var clause = await ClauseAsync(db, contract.Id, cancellation);
        var day = on is { } d ? ContractLookup.Day(d) : await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        var (indexationDay, price) = clause.PriceOn(term, day, await IndexSeriesEndpoints.LookupAsync(db, clause.Series, cancellation));
        var applied = await AppliedAsync(db, contract.Id, indexationDay, cancellation);
        return View(contract, clause, day, indexationDay, price.Value, applied, WorkingView.Of(price.Working));
    }

    private static async Task<IndexationPreview> Apply(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, ApplyIndexationRequest? request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation, tracked: true);
        var term = ContractLookup.TermOf(contract);
        var clause = await ClauseAsync(db, contract.Id, cancellation);
        var today = await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        LocalDate day;
        if (request?.IndexationDay is { } asked)
        {
            day = ContractLookup.Day(asked);
            if (term.LastIndexationOnOrBefore(day) != day)
            {
                throw new DeskRuleException("indexationDay", $"{ContractLookup.Iso(day)} is not one of this contract's indexation days ({(term.Indexation == IndexationDay.Anniversary ? "anniversaries of " + ContractLookup.Iso(term.Start) : "1 January after the start")})");
            }

            if (day > today)
            {
                throw new DeskRuleException("indexationDay", $"the indexation day {ContractLookup.Iso(day)} has not come yet (today is {ContractLookup.Iso(today)})");
            }
        }
        else
        {
            day = term.LastIndexationOnOrBefore(today)
                ?? throw new DeskRuleException("indexationDay", $"no indexation day has come yet (today is {ContractLookup.Iso(today)}){(term.DatesOn(today).NextIndexation is { } next ? $"; the first is {ContractLookup.Iso(next.Value)}" : "")}");
        }

        // Idempotent: the same day applied again answers what was applied, unchanged.
        if (await AppliedAsync(db, contract.Id, day, cancellation) is { } done)
        {
            return View(contract, clause, day, day, done.Price, done, JsonSerializer.Deserialize<WorkingView>(done.WorkingJson, Json)!);
        }

        var later = await db.IndexationsApplied.Where(a => a.ContractId == contract.Id && a.IndexationDay > new DateOnly(day.Year, day.Month, day.Day))
            .OrderBy(a => a.IndexationDay).Select(a => (DateOnly?)a.IndexationDay).FirstOrDefaultAsync(cancellation);
        if (later is { } l)
        {
            throw new DeskRuleException("indexationDay", $"the later indexation of {l:yyyy-MM-dd} was already applied");
        }

        var price = clause.PriceFor(term, day, await IndexSeriesEndpoints.LookupAsync(db, clause.Series, cancellation));
        var working = WorkingView.Of(price.Working);
        var applied = new IndexationApplied(user.TenantId, contract.Id, day, price.Value, contract.MonthlyFee, JsonSerializer.Serialize(working, Json), user.Name, clock.GetUtcNow());
        // The contract's change is audited with the fee before and after, and dated: a month before the day keeps its fee.
        contract.ChangeFee(price.Value.Amount, new DateOnly(day.Year, day.Month, day.Day), $"indexation of {ContractLookup.Iso(day)}");
        db.IndexationsApplied.Add(applied);
        await db.SaveChangesAsync(cancellation);
        return View(contract, clause, day, day, price.Value.Amount, applied, working) with { CurrentFee = price.Value.Amount };
    }

    /// <summary>The contract's clause; 422 naming <c>indexation</c> without one.</summary>
    internal static async Task<IndexationClause> ClauseAsync(DeskDbContext db, Guid contractId, CancellationToken cancellation) =>
        await db.IndexationClauses.AsNoTracking().FirstOrDefaultAsync(c => c.ContractId == contractId, cancellation)
        ?? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No indexation clause", "indexation", "the contract has no indexation clause yet: PUT /api/contracts/{id}/indexation");

    private static async Task<IndexationApplied?> AppliedAsync(DeskDbContext db, Guid contractId, LocalDate day, CancellationToken cancellation)
    {
        var date = new DateOnly(day.Year, day.Month, day.Day);
        return await db.IndexationsApplied.AsNoTracking().FirstOrDefaultAsync(a => a.ContractId == contractId && a.IndexationDay == date, cancellation);
    }

    private static IndexationPreview View(ServiceContract contract, IndexationClause clause, LocalDate on, LocalDate day, Money price, IndexationApplied? applied, WorkingView working) =>
        View(contract, clause, on, day, price.Amount, applied, working);

    private static IndexationPreview View(ServiceContract contract, IndexationClause clause, LocalDate on, LocalDate day, decimal price, IndexationApplied? applied, WorkingView working) => new(
        contract.Id, ContractLookup.Iso(on), ContractLookup.Iso(day), IndexSeries.Month(IndexationClause.IndexMonthFor(day)), FormulaName(clause.Formula), clause.Series,
        clause.BasePrice, contract.MonthlyFee, price, applied is not null, applied?.AppliedAt.ToString("O"), applied?.AppliedBy, working);

    private static string FormulaName(IndexationFormula formula) => formula == IndexationFormula.Agoria ? "agoria" : "cpi";

    private static YearMonth ParseMonth(string? text, string field)
    {
        if (text is { Length: 7 } && int.TryParse(text[..4], out var year) && text[4] == '-' && int.TryParse(text[5..], out var month) && year is >= 1900 and <= 2999 && month is >= 1 and <= 12)
        {
            return new YearMonth(year, month);
        }

        throw RequestException.Invalid(field, "a month YYYY-MM");
    }
}
