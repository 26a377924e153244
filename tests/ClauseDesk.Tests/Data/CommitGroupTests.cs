using ClauseDesk.Billing;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Data.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Data;

/// <summary>
/// Requests that arrive together are committed together. In one group, a member refused before it
/// sent anything fails alone and gives its number back; a member whose save failed after it had
/// written rows sends the group round again in savepoints, so that only its own rows go.
/// </summary>
public class CommitGroupTests
{
    [Theory]
    [MemberData(nameof(SchemaTests.Databases), MemberType = typeof(SchemaTests))]
    public async Task In_one_group_a_refused_member_and_a_failed_save_lose_only_their_own_rows_and_numbers(string kind)
    {
        var connection = await MigratedDatabaseAsync(kind, "taken", "holder");

        var groups = new WriteGate().Groups;
        var contexts = new List<DeskDbContext>();
        DeskDbContext Context()
        {
            var db = new DeskDbContext(DeskDatabase.Options(connection));
            contexts.Add(db);
            return db;
        }

        try
        {
            // A first member holds the writer, so that everyone after it queues for one group. Its save
            // changes a row, so it cannot be prepared ahead and runs in the writer itself.
            var hold = new TaskCompletionSource();
            var holder = Context();
            var held = groups.RunAsync(holder, async () =>
            {
                var lease = await holder.JobLeases.SingleAsync(l => l.Name == "holder");
                lease.Holder = "held";
                await holder.SaveChangesAsync();
                await hold.Task;
                return 0L;
            });
            await Task.Delay(200);

            var members = new List<(string Name, Task<long> Done)>();
            for (var i = 0; i < 12; i++)
            {
                var db = Context();
                var name = i switch { 3 => "refused", 7 => "failed", _ => $"member-{i}" };
                members.Add((name, groups.RunAsync(db, async () =>
                {
                    var number = await Counters.NextAsync(db, "group-test", 2026, CancellationToken.None);
                    if (name == "refused")
                    {
                        throw new DeskRuleException("channel", "refused by a rule before anything was sent");
                    }

                    db.JobLeases.Add(new JobLease { Name = name, Holder = $"{number}", ExpiresAt = DateTimeOffset.UnixEpoch });
                    await db.SaveChangesAsync();
                    if (name == "failed")
                    {
                        // Its first row is written; the database refuses the second.
                        db.JobLeases.Add(new JobLease { Name = "taken", Holder = "failed", ExpiresAt = DateTimeOffset.UnixEpoch });
                        await db.SaveChangesAsync();
                    }

                    return number;
                })));
            }

            hold.SetResult();
            await held;
            var numbers = new List<long>();
            foreach (var (name, done) in members)
            {
                if (name is "refused" or "failed")
                {
                    await Should.ThrowAsync<Exception>(done);
                }
                else
                {
                    numbers.Add(await done);
                }
            }

            numbers.Order().ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i), "none lost to the two that failed, none given twice");
            groups.SecondPasses.ShouldBe(1, "the failed save sent the group round once more");
            await using var check = new DeskDbContext(DeskDatabase.Options(connection));
            var leases = await check.JobLeases.AsNoTracking().OrderBy(l => l.Name).ToListAsync();
            leases.Select(l => l.Name).ShouldBe(["holder", "member-0", "member-1", "member-10", "member-11", "member-2", "member-4", "member-5", "member-6", "member-8", "member-9", "taken"], ignoreOrder: true);
            leases.Single(l => l.Name == "taken").Holder.ShouldBe("before");
            (await Counters.NextAsync(check, "group-test", 2026, CancellationToken.None)).ShouldBe(11, "the counter stands at the last number kept");
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(SchemaTests.Databases), MemberType = typeof(SchemaTests))]
    public async Task A_number_another_writer_took_meanwhile_is_not_given_twice(string kind)
    {
        var connection = await MigratedDatabaseAsync(kind);

        var groups = new WriteGate().Groups;
        async Task<long> CreateAsync(string name)
        {
            await using var db = new DeskDbContext(DeskDatabase.Options(connection));
            return await groups.RunAsync(db, async () =>
            {
                var number = await Counters.NextAsync(db, "taken-meanwhile", 2026, CancellationToken.None);
                db.JobLeases.Add(new JobLease { Name = name, Holder = $"{number}", ExpiresAt = DateTimeOffset.UnixEpoch });
                await db.SaveChangesAsync();
                return number;
            });
        }

        (await CreateAsync("first")).ShouldBe(1);

        // Another process (the mail command, a second server) takes the next number in its own transaction.
        await using (var other = new DeskDbContext(DeskDatabase.Options(connection)))
        {
            await using var transaction = await other.Database.BeginTransactionAsync();
            (await Counters.NextAsync(other, "taken-meanwhile", 2026, CancellationToken.None)).ShouldBe(2);
            await transaction.CommitAsync();
        }

        // This process proposed 2 ahead; the group finds 2 taken and prepares the creation again.
        (await CreateAsync("second")).ShouldBe(3);
        (await CreateAsync("third")).ShouldBe(4);
        groups.SecondPasses.ShouldBe(0, "a wrong proposal is mended in the first pass");

        // On PostgreSQL the second group took the counter from what the lane had committed (1), without
        // reading it; its write found 2 and sent the group round once more, holding the counter.
        groups.CountersMoved.ShouldBe(kind == "postgres" ? 1 : 0);
    }

    [Theory]
    [MemberData(nameof(SchemaTests.Databases), MemberType = typeof(SchemaTests))]
    public async Task A_group_writes_every_value_as_a_save_alone_writes_it(string kind)
    {
        var connection = await MigratedDatabaseAsync(kind);
        var tenant = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 6, 16, 45, 12, TimeSpan.Zero).AddTicks(1234560);

        // Values a careless array or row encoding would change: nulls beside values, empty and quoted text,
        // separators, non-Latin text, a long body, the smallest and largest decimals the column holds.
        OutboxMessage Message(int variant, string copy) => new()
        {
            TenantId = tenant,
            DedupKey = $"{copy}-{variant}",
            Kind = $"variant-{variant}",
            TicketId = variant % 2 == 0 ? null : new Guid($"00000000-0000-0000-0000-{variant:000000000000}"),
            Audience = variant % 3 == 0 ? "" : "customer",
            Recipients = "\"a, b\" <a@example.be>; {c}, NULL",
            Subject = variant switch { 0 => "NULL", 1 => "Dépannage ‘urgent’ — ticket 42", 2 => "tab\there, \\back\\slash", _ => $"subject {variant}" },
            Body = string.Concat(Enumerable.Repeat($"regel {variant}, ", 400)),
            CreatedAt = at.AddDays(variant),
            SentAt = variant % 2 == 0 ? at.AddMinutes(variant) : null,
            Attempts = variant * 7,
            MessageId = variant % 2 == 1 ? null : $"<{variant}@clausedesk>",
            NextAttemptAt = variant == 3 ? at.AddYears(-30) : null,
            LastError = variant == 4 ? "{\"error\": [1, 2]}" : null,
            HtmlBody = variant == 1 ? "<p>ß ∑ 日本</p>" : null,
            Language = variant % 2 == 0 ? "nl" : null,
        };
        IndexValue Index(int variant, string copy) =>
            new(tenant, $"{copy}-{variant}", new NodaTime.YearMonth(1990 + variant, 1 + variant), variant switch { 0 => 0.000001m, 1 => 999_999_999_999.999999m, 2 => -12.5m, _ => variant }, at.AddSeconds(variant));

        await using (var alone = new DeskDbContext(DeskDatabase.Options(connection)))
        {
            for (var v = 0; v < 6; v++)
            {
                alone.Outbox.Add(Message(v, "alone"));
                alone.IndexValues.Add(Index(v, "alone"));
            }

            await alone.SaveChangesAsync();
        }

        // Six members that arrive together: their rows travel as one statement per table.
        var groups = new WriteGate().Groups;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async v =>
        {
            await using var db = new DeskDbContext(DeskDatabase.Options(connection));
            await groups.RunAsync(db, async () =>
            {
                db.Outbox.Add(Message(v, "group"));
                db.IndexValues.Add(Index(v, "group"));
                await db.SaveChangesAsync();
                return 0L;
            });
        }));

        await using var check = new DeskDbContext(DeskDatabase.Options(connection));
        var messages = await check.Outbox.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        var indexValues = await check.IndexValues.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        messages.Count.ShouldBe(12);
        indexValues.Count.ShouldBe(12);
        for (var v = 0; v < 6; v++)
        {
            var alone = messages.Single(m => m.DedupKey == $"alone-{v}");
            var grouped = messages.Single(m => m.DedupKey == $"group-{v}");
            grouped.ShouldSatisfyAllConditions(
                () => grouped.Kind.ShouldBe(alone.Kind),
                () => grouped.TicketId.ShouldBe(alone.TicketId),
                () => grouped.Audience.ShouldBe(alone.Audience),
                () => grouped.Recipients.ShouldBe(alone.Recipients),
                () => grouped.Subject.ShouldBe(alone.Subject),
                () => grouped.Body.ShouldBe(alone.Body),
                () => grouped.CreatedAt.ShouldBe(alone.CreatedAt),
                () => grouped.SentAt.ShouldBe(alone.SentAt),
                () => grouped.Attempts.ShouldBe(alone.Attempts),
                () => grouped.MessageId.ShouldBe(alone.MessageId),
                () => grouped.NextAttemptAt.ShouldBe(alone.NextAttemptAt),
                () => grouped.LastError.ShouldBe(alone.LastError),
                () => grouped.HtmlBody.ShouldBe(alone.HtmlBody),
                () => grouped.Language.ShouldBe(alone.Language));
            var aloneIndex = indexValues.Single(i => i.Series == $"alone-{v}");
            var groupIndex = indexValues.Single(i => i.Series == $"group-{v}");
            groupIndex.Month.ShouldBe(aloneIndex.Month);
            groupIndex.Value.ShouldBe(aloneIndex.Value);
            groupIndex.ImportedAt.ShouldBe(aloneIndex.ImportedAt);
        }

        // And what was written is what was meant, not only the same mistake twice.
        messages.Single(m => m.DedupKey == "group-1").Subject.ShouldBe("Dépannage ‘urgent’ — ticket 42");
        messages.Single(m => m.DedupKey == "group-2").TicketId.ShouldBeNull();
        messages.Single(m => m.DedupKey == "group-3").NextAttemptAt.ShouldBe(at.AddYears(-30));
        indexValues.Single(i => i.Series == "group-1").Value.ShouldBe(999_999_999_999.999999m);
    }

    /// <summary>A new, migrated database with a lease of each given name, held "before".</summary>
    private static async Task<string> MigratedDatabaseAsync(string kind, params string[] leases)
    {
        var connection = SchemaTests.NewDatabase(kind);
        await using var setup = new DeskDbContext(DeskDatabase.Options(connection));
        await SchemaMigrator.MigrateAsync(setup);
        foreach (var name in leases)
        {
            setup.JobLeases.Add(new JobLease { Name = name, Holder = "before", ExpiresAt = DateTimeOffset.UnixEpoch });
        }

        await setup.SaveChangesAsync();
        return connection;
    }
}
