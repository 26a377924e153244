using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// The rows the saves of a commit group's first pass insert: each member's save only prepares its
/// rows, from the model's own column mappings and type mappings, and the group sends them all just
/// before its commit — on PostgreSQL in one round trip. This keeps the statements' preparation off
/// the connection and the round trips to one per group. A save with anything but additions is sent
/// at once, after everything prepared before it.
/// </summary>
internal sealed partial class GroupRows
{
    private static readonly ConcurrentDictionary<IEntityType, Plan> Plans = new();

    private readonly List<(int Member, Row Row)> _rows = [];

    /// <summary>The member whose saves are being prepared now.</summary>
    public int Member { get; set; }

    /// <summary>Whether a save was sent at once: the group's rows are then no longer all its own to drop.</summary>
    public bool Flushed { get; private set; }

    /// <summary>Rows prepared ahead, on a request's own thread: nothing can be sent from there.</summary>
    public bool Ahead { get; init; }

    /// <summary>Takes the rows a member prepared ahead as its rows in this group.</summary>
    public void Adopt(int member, GroupRows prepared)
    {
        foreach (var (_, row) in prepared._rows)
        {
            _rows.Add((member, row));
        }
    }

    // An insert: its table, its statement up to the rows, and its values in the columns' order.
    private sealed record Row(string Table, string Head, Value[] Values);

    private readonly record struct Value(RelationalTypeMapping Mapping, object? Content, bool Nullable);

    /// <summary>
    /// Takes the context's changes as rows of the current member and detaches them, returning how many
    /// entities they were; null (nothing taken) when the changes hold anything but additions.
    /// </summary>
    public int? TryTake(DeskDbContext db)
    {
        var entries = db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
        if (entries.Any(e => e.State != EntityState.Added))
        {
            return null;
        }

        // Entities that share a row (a ticket and its bug report) are one insert; rows keep the order in
        // which their first entity was added, so principals go before the rows that refer to them.
        var rows = new Dictionary<(string Table, string Key), List<(string Column, Value Value)>>();
        var order = new List<(string Table, string Key)>();
        foreach (var entry in entries)
        {
            var plan = Plans.GetOrAdd(entry.Metadata, Plan.Of);
            var key = (plan.Table, plan.KeyOf(entry));
            if (!rows.TryGetValue(key, out var columns))
            {
                rows[key] = columns = [];
                order.Add(key);
            }

            foreach (var column in plan.Columns)
            {
                var property = entry.Property(column.Property);
                // A temporary value is one the database gives (an identity).
                if (property.IsTemporary || columns.Exists(c => c.Column == column.Name))
                {
                    continue;
                }

                columns.Add((column.Name, new Value(column.Mapping, property.CurrentValue, column.Nullable)));
            }
        }

        foreach (var key in order)
        {
            var columns = rows[key];
            var head = new StringBuilder("INSERT INTO \"").Append(key.Table).Append("\" (");
            head.AppendJoin(", ", columns.Select(c => $"\"{c.Column}\"")).Append(')');
            _rows.Add((Member, new Row(key.Table, head.ToString(), [.. columns.Select(c => c.Value)])));
        }

        foreach (var entry in entries)
        {
            entry.State = EntityState.Detached;
        }

        return entries.Count;
    }

    /// <summary>Forgets the rows of a member that failed before anything of it was sent.</summary>
    public void Drop(int member) => _rows.RemoveAll(r => r.Member == member);

    /// <summary>Sends what was prepared so far ahead of a save that cannot wait.</summary>
    public async Task FlushAsync(DeskDbContext db)
    {
        if (Ahead)
        {
            throw new CannotPrepareAheadException();
        }

        Flushed = true;
        await SendAsync(db);
    }

    /// <summary>
    /// Sends every row prepared so far in the group's transaction, tables in the order they were first
    /// written to, so that a row comes after the rows it refers to: on PostgreSQL a table's rows as one
    /// statement, with <paramref name="andThen"/> (positional parameters) after them in the same round
    /// trip; on SQLite one compiled statement per table, run for each of its rows.
    /// </summary>
    public async Task SendAsync(DeskDbContext db, IReadOnlyList<(string Sql, object[] Values, bool OneRow)>? andThen = null)
    {
        if (_rows.Count == 0 && andThen is not { Count: > 0 })
        {
            return;
        }

        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, row) in _rows)
        {
            tables.TryAdd(row.Table, tables.Count);
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection postgres)
        {
            await using var batch = new NpgsqlBatch(postgres, (NpgsqlTransaction?)transaction);
            await using var factory = postgres.CreateCommand();
            foreach (var group in _rows.Select(r => r.Row).GroupBy(r => r.Head, StringComparer.Ordinal).OrderBy(g => tables[g.First().Table]))
            {
                var rows = group.ToArray();
                var command = batch.CreateBatchCommand();
                if (Unnest(rows) is { } unnest)
                {
                    command.CommandText = unnest.Sql;
                    command.Parameters.AddRange(unnest.Parameters);
                }
                else
                {
                    command.CommandText = Statement(rows, (i, value) => command.Parameters.Add(Parameter(factory, i, value)));
                }

                batch.BatchCommands.Add(command);
            }

            var oneRow = new List<NpgsqlBatchCommand>();
            foreach (var (sql, values, one) in andThen ?? [])
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                command.Parameters.AddRange(values.Select(v => new NpgsqlParameter { Value = v }).ToArray());
                batch.BatchCommands.Add(command);
                if (one)
                {
                    oneRow.Add(command);
                }
            }

            await batch.ExecuteNonQueryAsync();
            if (oneRow.Find(c => c.RecordsAffected != 1) is { } missed)
            {
                throw new RowMovedException(missed.CommandText);
            }
        }
        else
        {
            if (andThen is { Count: > 0 })
            {
                throw new NotSupportedException("statements sent with the rows are written for PostgreSQL");
            }

            // On SQLite one row per statement, the statement compiled once per table and run for each row:
            // a statement of many rows is compiled again for each group size, and binding its parameters
            // by name looks each one up among all of them (a group of 16 tickets, 640 parameters, spent
            // about a fifth of the writer's processor comparing their names).
            foreach (var group in _rows.Select(r => r.Row).GroupBy(r => r.Head, StringComparer.Ordinal).OrderBy(g => tables[g.First().Table]))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Statement([group.First()], (_, _) => { });
                foreach (var row in group)
                {
                    command.Parameters.Clear();
                    for (var c = 0; c < row.Values.Length; c++)
                    {
                        command.Parameters.Add(Parameter(command, c, row.Values[c]));
                    }

                    await command.ExecuteNonQueryAsync();
                }
            }
        }

        _rows.Clear();
    }

    private static string Statement(Row[] rows, Action<int, Value> parameter)
    {
        var sql = new StringBuilder(rows[0].Head).Append(" VALUES ");
        var index = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < rows[r].Values.Length; c++)
            {
                sql.Append(c == 0 ? "@p" : ", @p").Append(index);
                parameter(index, rows[r].Values[c]);
                index++;
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    /// <summary>
    /// On PostgreSQL, rows of one table as one array per column: the statement's text is the same
    /// however many rows a group has, so the server parses and plans it once per connection, not once
    /// per group. Null when a column's values cannot travel as an array (then they go as VALUES).
    /// </summary>
    private static (string Sql, NpgsqlParameter[] Parameters)? Unnest(Row[] rows)
    {
        var first = rows[0].Values;
        var parameters = new NpgsqlParameter[first.Length];
        var sql = new StringBuilder(rows[0].Head).Append(" SELECT * FROM unnest(");
        for (var c = 0; c < first.Length; c++)
        {
            var mapping = first[c].Mapping;
            var provider = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            if (!ArrayElements.Contains(Nullable.GetUnderlyingType(provider) ?? provider))
            {
                return null;
            }

            // Value types travel as nullable elements, so a nullable column's nulls stay nulls.
            var element = provider.IsValueType && Nullable.GetUnderlyingType(provider) is null ? typeof(Nullable<>).MakeGenericType(provider) : provider;
            var values = Array.CreateInstance(element, rows.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                var value = rows[r].Values[c];
                values.SetValue(value.Content is null ? null : mapping.Converter?.ConvertToProvider(value.Content) ?? value.Content, r);
            }

            parameters[c] = new NpgsqlParameter { Value = values };
            // The column's own type, without its length or precision, names the array's: an explicit cast
            // to varchar(32) would cut a longer value short, where storing it in the column refuses it.
            sql.Append(c == 0 ? "$" : ", $").Append(c + 1).Append("::").Append(Modifiers().Replace(mapping.StoreType, "")).Append("[]");
        }

        return (sql.Append(')').ToString(), parameters);
    }

    [GeneratedRegex(@"\s*\(\s*\d+\s*(,\s*\d+\s*)?\)")]
    private static partial Regex Modifiers();

    // The provider types Npgsql writes as arrays; anything else goes as VALUES (DateTime too: an
    // unspecified kind would be read in the session's time zone).
    private static readonly HashSet<Type> ArrayElements =
    [
        typeof(Guid), typeof(string), typeof(bool), typeof(short), typeof(int), typeof(long), typeof(decimal), typeof(double),
        typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(byte[]),
    ];

    private static DbParameter Parameter(DbCommand command, int index, Value value) =>
        value.Mapping.CreateParameter(command, $"@p{index}", value.Content, value.Nullable);

    /// <summary>How an entity type's values become its table's columns: read once from the model.</summary>
    private sealed record Plan(string Table, Plan.Column[] Columns, IProperty[] Key)
    {
        public sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, bool Nullable);

        public static Plan Of(IEntityType type)
        {
            var mapping = type.GetTableMappings().Single();
            var columns = mapping.ColumnMappings
                .Where(c => c.Column.ComputedColumnSql is null)
                .Select(c => new Column(c.Column.Name, c.Property, c.TypeMapping, c.Column.IsNullable))
                .ToArray();
            var key = mapping.Table.PrimaryKey!.Columns.Select(k => mapping.ColumnMappings.First(c => c.Column == k).Property).ToArray();
            return new Plan(mapping.Table.Name, columns, key);
        }

        public string KeyOf(EntityEntry entry)
        {
            var key = new StringBuilder();
            foreach (var property in Key)
            {
                key.Append(entry.Property(property).CurrentValue).Append('\u001f');
            }

            return key.ToString();
        }
    }
}

/// <summary>A save prepared ahead held more than additions: the work must run in the group itself.</summary>
internal sealed class CannotPrepareAheadException() : Exception("a save with more than additions cannot be prepared ahead of its group");

/// <summary>A statement sent with a group's rows that had to change exactly one row did not: what it assumed has moved.</summary>
internal sealed class RowMovedException(string statement) : Exception($"the row changed by '{statement}' was not as the group took it");
