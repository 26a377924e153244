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
            DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "Changed by someone else", "the ticket changed since you read it: reload it and try again", "If-Match", null),
            BadHttpRequestException bad => Problem(StatusCodes.Status400BadRequest, "Bad request", bad.Message, "body", null),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

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
