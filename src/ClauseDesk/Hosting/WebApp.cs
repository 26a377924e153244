using System.Reflection;
using ClauseDesk.Access;
using ClauseDesk.Billing;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Data;
using ClauseDesk.Mail;
using ClauseDesk.Maintenance;
using ClauseDesk.Portal;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;

namespace ClauseDesk;

/// <summary>The web host: each area adds its services and maps its endpoints here.</summary>
public static class WebApp
{
    /// <summary>The environment variable naming the database when <c>--database</c> is not given.</summary>
    public const string DatabaseVariable = "CLAUSEDESK_DATABASE";

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    public static WebApplication Build(string[] args, string? urls = null, string? database = null, TimeProvider? clock = null, bool sweep = true)
    {
        // Configuration is read once: reloading would watch the content root, which holds the
        // SQLite files, and wake a watcher on every write.
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        // EF's per-command logs drown everything else at Information.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // Two console lines per request cost more than the request's own work under load.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var connection = database ?? Environment.GetEnvironmentVariable(DatabaseVariable) ?? DeskDatabase.DefaultSqlite;
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddScoped<DeskScope>();
        builder.Services.AddSingleton<ClauseDesk.Data.Infrastructure.WriteGate>();
        builder.Services.AddScoped<Mail.MailIntake>();
        builder.Services.AddSingleton(_ => Mail.SecretBox.FromEnvironment());
        // The options are built once: per request they would parse the connection string again.
        // Contexts come from a pool: setting one up costs more than many a request's own work.
        builder.Services.AddPooledDbContextFactory<DeskDbContext>(options => DeskDatabase.Configure(options, connection), poolSize: 256);
        builder.Services.AddScoped(services => services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<DeskDbContext>>().CreateDbContext().For(services.GetRequiredService<DeskScope>()));
        builder.Services.AddSingleton<PasswordHasher<Person>>();
        // Bearer tokens for the API, a cookie for the portal's pages: the desk scheme picks one per request.
        builder.Services.AddAuthentication(PortalSetup.DeskScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddPortal();
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        // Unreadable bodies and query values become exceptions DeskProblems turns into ProblemDetails
        // naming the field, in every environment (by default production answers a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<DeskProblems>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Every endpoint but /health and sign-in takes the token printed at first start or issued by the API.
            document.Info.Title = "ClauseDesk API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A ClauseDesk API token, cd_<id>_<secret>: printed at first start, or from POST /api/sessions or /api/tokens.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            // The headers the endpoints read themselves, so that clients find them in the document.
            var path = context.Description.RelativePath ?? "";
            var method = context.Description.HttpMethod ?? "";
            operation.Parameters ??= [];
            if (method == "POST" && path.TrimEnd('/') == "api/tickets")
            {
                operation.Parameters.Add(Header("Idempotency-Key", false, "Any string up to 200 characters: a retry with the same key and body answers what the first answered (Idempotent-Replay: true) and never opens a second ticket."));
            }
            else if (method == "POST" && path.StartsWith("api/tickets/{number}/actions/", StringComparison.Ordinal))
            {
                operation.Parameters.Add(Header("If-Match", true, "The ticket's ETag as read (its version, e.g. \"3\"): a stale one is refused with 412, so two agents never overwrite each other."));
            }

            return Task.CompletedTask;
        }));
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Mail:Smtp"));
        builder.Services.Configure<ImapReaderOptions>(builder.Configuration.GetSection("Mail:Imap"));
        if (sweep)
        {
            builder.Services.AddHostedService<TicketSweep>();
            builder.Services.AddHostedService<OutboxSender>();
            builder.Services.AddHostedService<MailboxReader>();
            builder.Services.AddHostedService<ContractDataPurge>();
            builder.Services.AddHostedService<OverageSweep>();
        }

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        var app = builder.Build();
        app.Use((http, next) =>
        {
            ClauseDesk.Data.Infrastructure.ThreadPriorities.LowerForRequests();
            return next(http);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePortal();
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            // The one place the tenant is set: every query of this request is limited to it.
            if (CurrentUser.From(http.User) is { } user)
            {
                var scope = http.RequestServices.GetRequiredService<DeskScope>();
                scope.TenantId = user.TenantId;
                scope.Actor = user.Actor;
                scope.Clock = http.RequestServices.GetRequiredService<TimeProvider>();
            }

            await next(http);
        });
        app.UseAuthorization();
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "ClauseDesk API");
            o.RoutePrefix = "docs";
            o.DocumentTitle = "ClauseDesk API";
        });
        app.MapHealth();
        app.MapAccess();
        app.MapContracts();
        app.MapContractTerms();
        app.MapContractsAndBilling();
        app.MapTickets();
        app.MapMaintenance();
        app.MapMail();
        app.MapInvoicing();
        app.MapUsageBilling();
        ClauseDesk.Billing.Payments.AccountEndpoints.MapLedger(app);
        app.MapTicketAttachments();
        Sla.SlaReport.MapSlaReport(app);
        app.MapPenalties().MapDataBreaches();
        app.MapPortal();
        return app;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        var version = typeof(WebApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        endpoints.MapGet("/health", () => Results.Ok(new HealthReport("ok", version)))
            .WithName("Health").AllowAnonymous();
        return endpoints;
    }

    public sealed record HealthReport(string Status, string Version);
}
