using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

/// <summary>Turns the desk's refusals into ProblemDetails naming the field, the reason and the clause.</summary>
public sealed class DeskProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        ProblemDetails? problem = exception switch
        {
            DeskRuleException rule => Problem(StatusCodes.Status422UnprocessableEntity, "A rule refuses this", rule.Message, rule.Field, rule.Clause),
            RequestException request => Problem(request.Status, request.Title, request.Message, request.Field, null),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "Changed by someone else", "it changed since you read it: reload it and try again", "If-Match", null),
            // Two requests changed the same thing at once and the database refused the second: nothing was lost.
            DbUpdateException db when IsUniqueViolation(db) => Problem(StatusCodes.Status409Conflict, "Changed at the same time", "someone changed this at the same moment: reload it and try again", "If-Match", null),
            Calendars.CalendarRangeException range => Problem(StatusCodes.Status422UnprocessableEntity, "Out of range", range.Message.Split(" (Parameter")[0], "date", null),
            BadHttpRequestException bad => Problem(StatusCodes.Status400BadRequest, "Bad request", Reason(bad), Field(bad), null),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        Npgsql.PostgresException postgres => postgres.SqlState == "23505",
        _ => false,
    };

    // The JSON reader says where the body went wrong; a query or route value is named in the message.
    private static string Field(BadHttpRequestException bad) => bad.InnerException switch
    {
        System.Text.Json.JsonException { Path: { Length: > 2 } path } => path[2..],
        System.Text.Json.JsonException => "body",
        _ when bad.Message.Split('"') is { Length: >= 3 } parts => parts[1].Split(' ')[^1],
        _ => "body",
    };

    private static string Reason(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message.Split(" Path:")[0]}" : bad.Message;

    private static ProblemDetails Problem(int status, string title, string detail, string field, string? clause)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = status,
            Title = title,
            Detail = detail,
        };
        if (clause is not null)
        {
            problem.Extensions["clause"] = clause;
        }

        return problem;
    }
}

/// <summary>A request the API refuses before any rule is reached: bad input, not found, forbidden.</summary>
public sealed class RequestException(int status, string title, string field, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Field { get; } = field;

    public static RequestException Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, "Invalid input", field, message);

    public static RequestException NotFound(string field, string message) => new(StatusCodes.Status404NotFound, "Not found", field, message);

    public static RequestException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "Not allowed", "role", message);
}
