using System.CommandLine;
using ClauseDesk.Data;

namespace ClauseDesk;

/// <summary><c>clausedesk serve</c>: the web host on 127.0.0.1.</summary>
public static class ServeCommand
{
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var urls = new Option<string?>("--urls") { Description = "ASP.NET Core URLs to listen on instead, e.g. http://0.0.0.0:8080" };
        var database = DatabaseOption();
        var provider = new Option<string>("--provider") { Description = "The provider's name on the very first start", DefaultValueFactory = _ => "My service desk" };
        var demo = new Option<bool>("--demo") { Description = "Load demo customers on every SLA preset, their people and tickets in every state (once)" };
        var command = new Command("serve", "Runs the service desk (migrates the database first; the first start creates the provider and its admin)") { port, urls, database, provider, demo };
        command.SetAction(async (parse, cancellation) =>
        {
            var listen = parse.GetValue(urls) ?? $"http://127.0.0.1:{parse.GetValue(port)}";
            var app = WebApp.Build([], listen, parse.GetValue(database));
            var created = await FirstStart.PrepareAsync(app.Services, parse.GetValue(provider)!, cancellation);
            var demoPeople = parse.GetValue(demo) ? await DemoData.LoadAsync(app.Services, cancellation) : [];
            await app.StartAsync(cancellation);
            var output = parse.InvocationConfiguration.Output;
            if (demoPeople.Count > 0)
            {
                output.WriteLine($"Demo loaded. Sign in with password {DemoData.Password} as any of:");
                foreach (var person in demoPeople)
                {
                    output.WriteLine($"  {person}");
                }
            }

            if (created is not null)
            {
                output.WriteLine($"First start: created provider '{created.Provider}'.");
                output.WriteLine($"  Sign in as {created.Email} with password {created.Password}");
                output.WriteLine($"  API token (shown once): {created.Token}");
                output.WriteLine("  e.g. curl -H 'Authorization: Bearer <token>' http://127.0.0.1:<port>/api/tickets");
            }

            foreach (var address in app.Urls)
            {
                output.WriteLine($"ClauseDesk listening on {address} (health: {address}/health, API reference: {address}/docs)");
            }

            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }

    /// <summary><c>--database</c>: a SQLite data source or a PostgreSQL connection string.</summary>
    public static Option<string?> DatabaseOption() => new("--database")
    {
        Description = $"\"Data Source=file.db\" (SQLite, the default is {DeskDatabase.DefaultSqlite}) or \"Host=…;Database=…;Username=…\" (PostgreSQL); or set {WebApp.DatabaseVariable}",
    };

    public static Command Migrate()
    {
        var database = DatabaseOption();
        var command = new Command("migrate", "Applies the database migrations that are missing") { database };
        command.SetAction(async (parse, cancellation) =>
        {
            var connection = parse.GetValue(database) ?? Environment.GetEnvironmentVariable(WebApp.DatabaseVariable) ?? DeskDatabase.DefaultSqlite;
            await using var db = new DeskDbContext(DeskDatabase.Options(connection));
            var applied = await SchemaMigrator.MigrateAsync(db, cancellation);
            parse.InvocationConfiguration.Output.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied migrations {string.Join(", ", applied)}.");
            return 0;
        });
        return command;
    }
}
