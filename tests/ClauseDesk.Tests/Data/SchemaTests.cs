using System.Data.Common;
using ClauseDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Data;

/// <summary>
/// The hand-kept SQL migrations must build exactly the schema the EF Core model expects, on both
/// databases: a database migrated step by step is compared with one the model creates itself.
/// </summary>
public class SchemaTests
{
    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    internal static string NewDatabase(string kind) => kind == "sqlite"
        ? $"Data Source={Path.Combine(Path.GetTempPath(), $"clausedesk-{Guid.NewGuid():N}.db")}"
        : PostgresServer.CreateDatabase("schema");

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migrating_step_by_step_gives_the_models_schema(string kind)
    {
        await using var migrated = new DeskDbContext(DeskDatabase.Options(NewDatabase(kind)));
        var applied = await SchemaMigrator.MigrateAsync(migrated);
        applied.ShouldBe(SchemaMigrator.Scripts(migrated.IsSqlite).Select(s => s.Version).ToList());
        applied.ShouldNotBeEmpty();

        await using var created = new DeskDbContext(DeskDatabase.Options(NewDatabase(kind)));
        (await created.Database.EnsureCreatedAsync()).ShouldBeTrue();

        var expected = await Snapshot(created);
        var actual = await Snapshot(migrated);
        expected.ShouldNotBeEmpty();
        actual.Except(expected).ShouldBeEmpty("in the migrated schema but not in the model");
        expected.Except(actual).ShouldBeEmpty("in the model but not in the migrated schema");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migrating_twice_applies_nothing_the_second_time(string kind)
    {
        var connection = NewDatabase(kind);
        await using (var first = new DeskDbContext(DeskDatabase.Options(connection)))
        {
            (await SchemaMigrator.MigrateAsync(first)).ShouldNotBeEmpty();
        }

        await using var second = new DeskDbContext(DeskDatabase.Options(connection));
        (await SchemaMigrator.MigrateAsync(second)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Servers_starting_together_migrate_once(string kind)
    {
        var connection = NewDatabase(kind);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = new DeskDbContext(DeskDatabase.Options(connection));
            return await SchemaMigrator.MigrateAsync(db);
        }));
        runs.Sum(r => r.Count).ShouldBe(SchemaMigrator.Scripts(kind == "sqlite").Count);
    }

    /// <summary>Tables, columns, indexes and foreign keys as comparable lines, the migrations' own table left out.</summary>
    private static async Task<List<string>> Snapshot(DeskDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            return db.IsSqlite
                ? await Lines(connection, """
                    SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk || ' default=' || ifnull(c.dflt_value, '')
                      FROM sqlite_master m JOIN pragma_table_info(m.name) c
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
                    UNION ALL
                    SELECT 'index ' || m.name || '.' || i.name || ' unique=' || i."unique" || ' on ' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(i.name) ii)
                      FROM sqlite_master m JOIN pragma_index_list(m.name) i
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
                    UNION ALL
                    SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' delete=' || f.on_delete
                      FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                    """)
                : await Lines(connection, """
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable
                           || ' length=' || coalesce(character_maximum_length::text, '') || ' precision=' || coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '')
                           || ' identity=' || is_identity || ' default=' || coalesce(column_default, '')
                      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
                    UNION ALL
                    SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
                    UNION ALL
                    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
                    """);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<List<string>> Lines(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
