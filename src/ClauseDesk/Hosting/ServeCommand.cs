using System.CommandLine;

namespace ClauseDesk;

/// <summary><c>clausedesk serve</c>: the web host on 127.0.0.1.</summary>
public static class ServeCommand
{
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var urls = new Option<string?>("--urls") { Description = "ASP.NET Core URLs to listen on instead, e.g. http://0.0.0.0:8080" };
        var command = new Command("serve", "Runs the service desk") { port, urls };
        command.SetAction(async (parse, cancellation) =>
        {
            var listen = parse.GetValue(urls) ?? $"http://127.0.0.1:{parse.GetValue(port)}";
            var app = WebApp.Build([], listen);
            await app.StartAsync(cancellation);
            foreach (var address in app.Urls)
            {
                parse.InvocationConfiguration.Output.WriteLine($"ClauseDesk listening on {address} (health: {address}/health)");
            }

            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }
}
