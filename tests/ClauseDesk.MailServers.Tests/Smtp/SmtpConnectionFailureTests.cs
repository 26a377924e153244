using ClauseDesk.Infrastructure;

namespace ClauseDesk.Smtp.Tests;

/// <summary>A server that falls silent or drops the connection: a transient exception, never a hang.</summary>
public sealed class SmtpConnectionFailureTests(SmtpSinkFixture fixture) : IClassFixture<SmtpSinkFixture>
{
    private SmtpSink Sink => fixture.Sink;

    [Fact]
    public async Task A_silent_server_times_out_as_a_transient_failure_and_the_client_refuses_further_commands()
    {
        await using var relay = new TcpRelay(Sink.PlainPort);
        await using var client = await SmtpClient.ConnectAsync(Options(relay, TimeSpan.FromSeconds(2)));

        relay.Stall();
        var failure = await Should.ThrowAsync<SmtpProtocolException>(
            () => client.SendAsync("desk@example.test", ["someone@example.test"], TestMessages.Text("Unheard")).WaitAsync(TimeSpan.FromSeconds(60)));

        failure.IsTransient.ShouldBeTrue();
        failure.Message.ShouldContain("did not answer MAIL FROM");
        await Should.ThrowAsync<SmtpProtocolException>(() => client.NoopAsync());
    }

    [Fact]
    public async Task A_connection_dropped_mid_reply_is_a_transient_protocol_failure()
    {
        await using var relay = new TcpRelay(Sink.PlainPort);
        await using var client = await SmtpClient.ConnectAsync(Options(relay, TimeSpan.FromSeconds(30)));

        relay.CutAfter(3);
        var failure = await Should.ThrowAsync<SmtpProtocolException>(() => client.NoopAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        failure.IsTransient.ShouldBeTrue();
        failure.Message.ShouldContain("closed the connection");
    }

    [Fact]
    public async Task Nothing_listening_is_a_transient_protocol_error_naming_the_server()
    {
        var port = FreePorts.Take(1)[0];

        var failure = await Should.ThrowAsync<SmtpProtocolException>(() => SmtpClient.ConnectAsync(new SmtpClientOptions
        {
            Host = SmtpSink.Host,
            Port = port,
            Security = SmtpSecurity.StartTls,
        }));

        failure.IsTransient.ShouldBeTrue();
        failure.Message.ShouldContain($"127.0.0.1:{port}");
    }

    private static SmtpClientOptions Options(TcpRelay relay, TimeSpan timeout) => new()
    {
        Host = SmtpSink.Host,
        Port = relay.Port,
        Security = SmtpSecurity.None,
        Timeout = timeout,
    };
}
