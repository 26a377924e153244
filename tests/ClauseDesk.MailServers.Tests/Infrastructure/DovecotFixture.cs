namespace ClauseDesk.Infrastructure;

/// <summary>One Dovecot per test class (xunit class fixture); each test creates its own user.</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    private DovecotServer? _server;

    public DovecotServer Server => _server ?? throw new InvalidOperationException("Dovecot has not started.");

    public async Task InitializeAsync() => _server = await DovecotServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// A Dovecot that announces only IMAP4rev1 and UIDPLUS: no SASL-IR, LITERAL+, MOVE or IDLE, like an
/// older server, so that the client's fallbacks run against a real server.
/// </summary>
public sealed class MinimalDovecotFixture : IAsyncLifetime
{
    private DovecotServer? _server;

    public DovecotServer Server => _server ?? throw new InvalidOperationException("Dovecot has not started.");

    public async Task InitializeAsync() => _server = await DovecotServer.StartAsync("IMAP4rev1 UIDPLUS");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
