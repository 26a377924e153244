using System.CommandLine;
using System.Data.Common;
using ClauseDesk.Cli;
using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Mail;

/// <summary><c>clausedesk mail receive</c>: mail piped from an MTA into a mailbox.</summary>
public static class MailCommands
{
    /// <summary>sysexits' EX_TEMPFAIL: an MTA keeps the message and tries again later.</summary>
    public const int TryAgainLater = 75;

    public static Command Mail()
    {
        var mailbox = new Option<string>("--mailbox") { Description = "The mailbox's name, as created with POST /api/mailboxes", Required = true };
        var file = new Option<string?>("--file") { Description = "Read the message from this file instead of standard input" };
        var database = ServeCommand.DatabaseOption();
        var receive = new Command("receive",
            "Takes one message (RFC 5322) from standard input into a mailbox, as an MTA's pipe delivers it. Prints what became of it. " +
            $"Exit 0: kept (a ticket, a reply, a polite refusal, ignored as automatic mail, or quarantined); 2: bad input; {TryAgainLater}: the database cannot be reached, try again later.")
        { mailbox, file, database };
        receive.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(mailbox)!;
            var path = parse.GetValue(file);
            byte[] raw;
            try
            {
                raw = path is null ? await ReadAllAsync(Console.OpenStandardInput(), cancellation) : await File.ReadAllBytesAsync(path, cancellation);
            }
            catch (IOException e)
            {
                throw new UsageException($"cannot read the message: {e.Message}");
            }

            if (raw.Length == 0)
            {
                throw new UsageException("no message: standard input was empty");
            }

            var app = WebApp.Build([], "http://127.0.0.1:0", parse.GetValue(database), sweep: false);
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
                await SchemaMigrator.MigrateAsync(db, cancellation);
                var box = await db.Mailboxes.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Name == name && m.Active, cancellation)
                    ?? throw new UsageException($"no active mailbox named '{name}'");
                var result = await scope.ServiceProvider.GetRequiredService<MailIntake>().ReceiveAsync(box, raw, null, null, cancellation);
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{result.Outcome.ToString().ToLowerInvariant()}{(result.AlreadyReceived ? " (already received)" : "")}: {result.Reason}");
                return 0;
            }
            catch (DbException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"clausedesk: the database cannot be reached, try again later: {e.Message.Split('\n')[0]}");
                return TryAgainLater;
            }
        });

        return new Command("mail", "Mail intake") { receive };
    }

    private static async Task<byte[]> ReadAllAsync(Stream input, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellation);
        return buffer.ToArray();
    }
}
