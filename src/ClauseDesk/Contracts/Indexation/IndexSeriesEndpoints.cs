using System.Text;
using ClauseDesk.Billing;
using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

public sealed record IndexMonthView(string Month, decimal Value);

public sealed record IndexSeriesView(string Name, int Months, string? First, string? Last, IReadOnlyList<IndexMonthView>? Values);

/// <summary>Index series (SPEC §5) imported from CSV, per provider: the values indexation clauses read.</summary>
public static class IndexSeriesEndpoints
{
    /// <summary>The largest CSV accepted: 256 KiB.</summary>
    private const int MaxBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapIndexSeries(this IEndpointRouteBuilder endpoints)
    {
        var series = endpoints.MapGroup("/api/index-series").WithTags("Contracts").RequireAuthorization();
        // The body is documented as CSV without Accepts(): its content-type match would answer any other
        // type with a bare 415 before the handler, which names the field and the reason instead.
        series.MapPut("/{name}", Import).AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["text/csv"] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } },
                    },
                };
                return Task.CompletedTask;
            })
            .WithSummary("Import an index series from CSV (text/csv; lines month,value as YYYY-MM,126.45; an optional header month,value): replaces the series; a bad line is refused naming its number (provider admin)");
        series.MapGet("/", List).WithSummary("The index series imported, with their first and last month (staff)");
        series.MapGet("/{name}", Get).WithSummary("One index series with every month's value (staff)");
        return endpoints;
    }

    private static async Task<IndexSeriesView> Import(HttpContext http, DeskDbContext db, TimeProvider clock, string name, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        if (!IndexSeries.IsName(name))
        {
            throw RequestException.Invalid("name", "a series name is 1–64 lower-case letters, digits and hyphens, e.g. agoria-digital or cpi");
        }

        if (http.Request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestException(StatusCodes.Status415UnsupportedMediaType, "Not CSV", "Content-Type", "send the series as text/csv: one month,value a line");
        }

        var csv = await ReadAsync(http.Request, cancellation);
        IReadOnlyList<(YearMonth Month, decimal Value)> values;
        try
        {
            values = IndexSeries.Parse(csv);
        }
        catch (IndexSeriesFormatException e)
        {
            throw RequestException.Invalid($"line {e.Line}", e.Message);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.IndexValues.Where(v => v.Series == name).ExecuteDeleteAsync(cancellation);
        db.IndexValues.AddRange(values.Select(v => new IndexValue(user.TenantId, name, v.Month, v.Value, now)));
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return View(name, values, withValues: false);
    }

    private static async Task<IReadOnlyList<IndexSeriesView>> List(HttpContext http, DeskDbContext db, CancellationToken cancellation)
    {
        RequireStaff(CurrentUser.Of(http));
        var all = await db.IndexValues.AsNoTracking().ToListAsync(cancellation);
        return [.. all.GroupBy(v => v.Series).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => View(g.Key, Values(g), withValues: false))];
    }

    private static async Task<IndexSeriesView> Get(HttpContext http, DeskDbContext db, string name, CancellationToken cancellation)
    {
        RequireStaff(CurrentUser.Of(http));
        var values = await db.IndexValues.AsNoTracking().Where(v => v.Series == name).ToListAsync(cancellation);
        return values.Count == 0 ? throw RequestException.NotFound("name", $"no index series '{name}'") : View(name, Values(values), withValues: true);
    }

    /// <summary>A series' value per month, for the clauses that read it.</summary>
    internal static async Task<Func<YearMonth, decimal?>> LookupAsync(DeskDbContext db, string series, CancellationToken cancellation)
    {
        var values = await db.IndexValues.AsNoTracking().Where(v => v.Series == series).ToListAsync(cancellation);
        var byMonth = values.ToDictionary(v => new YearMonth(v.Month.Year, v.Month.Month), v => IndexSeries.Normal(v.Value));
        return month => byMonth.TryGetValue(month, out var value) ? value : null;
    }

    private static void RequireStaff(CurrentUser user)
    {
        if (!user.IsStaff)
        {
            throw RequestException.Forbidden("index series are the provider's");
        }
    }

    private static List<(YearMonth Month, decimal Value)> Values(IEnumerable<IndexValue> values) =>
        [.. values.Select(v => (new YearMonth(v.Month.Year, v.Month.Month), IndexSeries.Normal(v.Value))).OrderBy(v => v.Item1)];

    private static IndexSeriesView View(string name, IReadOnlyList<(YearMonth Month, decimal Value)> values, bool withValues) => new(
        name,
        values.Count,
        values.Count == 0 ? null : IndexSeries.Month(values[0].Month),
        values.Count == 0 ? null : IndexSeries.Month(values[^1].Month),
        withValues ? [.. values.Select(v => new IndexMonthView(IndexSeries.Month(v.Month), v.Value))] : null);

    private static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw RequestException.Invalid("body", $"at most {MaxBytes / 1024} KiB of CSV");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw RequestException.Invalid("body", $"at most {MaxBytes / 1024} KiB of CSV");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw RequestException.Invalid("body", "the CSV is not UTF-8");
        }
    }

}
