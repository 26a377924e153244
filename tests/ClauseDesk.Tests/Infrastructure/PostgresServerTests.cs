using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Npgsql;

namespace ClauseDesk.Infrastructure;

public class PostgresServerTests
{
    [Fact]
    public async Task Created_databases_are_distinct_and_isolated()
    {
        var first = new NpgsqlConnectionStringBuilder(PostgresServer.CreateDatabase("fixture"));
        var second = new NpgsqlConnectionStringBuilder(PostgresServer.CreateDatabase("fixture"));
        first.Database.ShouldNotBe(second.Database);
        first.Database!.ShouldMatch("^fixture_[0-9a-f]{8}$");

        await using (var connection = new NpgsqlConnection(first.ConnectionString))
        {
            await connection.OpenAsync();
            (await ScalarAsync<string>(connection, "SELECT current_database()")).ShouldBe(first.Database);
            await ExecuteAsync(connection, "CREATE TABLE probe (id int PRIMARY KEY); INSERT INTO probe VALUES (1)");
            (await ScalarAsync<long>(connection, "SELECT count(*) FROM probe")).ShouldBe(1);
            (await ScalarAsync<bool>(connection, "SELECT to_regclass('public.probe') IS NULL")).ShouldBeFalse();
        }

        await using (var connection = new NpgsqlConnection(second.ConnectionString))
        {
            await connection.OpenAsync();
            (await ScalarAsync<string>(connection, "SELECT current_database()")).ShouldBe(second.Database);
            (await ScalarAsync<bool>(connection, "SELECT to_regclass('public.probe') IS NULL")).ShouldBeTrue();
        }
    }

    [Fact]
    public void A_prefix_is_made_a_valid_database_name()
    {
        var database = new NpgsqlConnectionStringBuilder(PostgresServer.CreateDatabase("My-Tests.Ünicode")).Database!;
        database.ShouldMatch("^my_tests__nicode_[0-9a-f]{8}$");
        new NpgsqlConnectionStringBuilder(PostgresServer.CreateDatabase("42")).Database!.ShouldMatch("^db_42_[0-9a-f]{8}$");
    }

    [Fact]
    public async Task The_server_is_PostgreSQL_13_or_later()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        (await ScalarAsync<string>(connection, "SELECT version()")).ShouldStartWith("PostgreSQL ");
        var version = await ScalarAsync<string>(connection, "SHOW server_version");
        var major = int.Parse(version.Split('.', ' ')[0], CultureInfo.InvariantCulture);
        major.ShouldBeGreaterThanOrEqualTo(13, $"server_version is {version}");
    }

    [Fact]
    public async Task The_server_is_throwaway_and_listens_on_127_0_0_1_only()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString);
        admin.Host.ShouldBe("127.0.0.1");
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            (await ScalarAsync<string>(connection, "SHOW listen_addresses")).ShouldBe("127.0.0.1");
            (await ScalarAsync<string>(connection, "SHOW unix_socket_directories")).ShouldBe("");
            (await ScalarAsync<string>(connection, "SELECT host(inet_server_addr())")).ShouldBe("127.0.0.1");
            (await ScalarAsync<string>(connection, "SHOW fsync")).ShouldBe("off");
            (await ScalarAsync<string>(connection, "SHOW synchronous_commit")).ShouldBe("off");
            (await ScalarAsync<string>(connection, "SHOW full_page_writes")).ShouldBe("off");
            int.Parse(await ScalarAsync<string>(connection, "SHOW max_connections"), CultureInfo.InvariantCulture)
                .ShouldBeGreaterThanOrEqualTo(200);
        }

        // No other address of this machine (IPv6 loopback included) accepts connections on the port.
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .Where(a => !a.Equals(IPAddress.Loopback) && !a.IsIPv6LinkLocal)
            .Append(IPAddress.IPv6Loopback)
            .Distinct()
            .ToList();
        foreach (var address in others)
        {
            var refused = false;
            try
            {
                using var client = new TcpClient(address.AddressFamily);
                await client.ConnectAsync(address, admin.Port).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (SocketException)
            {
                refused = true;
            }

            refused.ShouldBeTrue($"{address} port {admin.Port} accepted a connection");
        }
    }

    [Fact]
    public async Task Fifty_concurrent_connections_work()
    {
        const int count = 50;
        var connectionString = PostgresServer.CreateDatabase("concurrency");
        var connections = new NpgsqlConnection[count];
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                connections[i] = new NpgsqlConnection(connectionString);
                await connections[i].OpenAsync();
            }));

            // All 50 are open at once: 50 distinct server processes answer, each in its own session.
            var pids = await Task.WhenAll(connections.Select(c => ScalarAsync<int>(c, "SELECT pg_backend_pid()")));
            pids.Distinct().Count().ShouldBe(count);

            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            await using var observer = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await observer.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", observer);
            command.Parameters.AddWithValue(database);
            ((long)(await command.ExecuteScalarAsync())!).ShouldBe(count);
        }
        finally
        {
            foreach (var connection in connections)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
