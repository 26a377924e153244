using System.Reflection;

namespace ClauseDesk;

/// <summary>The web host: each area adds its services and maps its endpoints here.</summary>
public static class WebApp
{
    public static WebApplication Build(string[] args, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        return app;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        var version = typeof(WebApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        endpoints.MapGet("/health", () => Results.Ok(new HealthReport("ok", version)))
            .WithName("Health");
        return endpoints;
    }

    public sealed record HealthReport(string Status, string Version);
}
