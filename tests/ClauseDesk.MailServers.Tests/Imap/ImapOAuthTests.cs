using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>
/// Logging in with an OAuth 2.0 access token, as Microsoft 365 and Google Workspace require: Dovecot
/// validates the tokens (JWTs signed by the test) itself.
/// </summary>
public sealed class ImapOAuthTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private DovecotServer Server => dovecot.Server;

    [Theory]
    [InlineData(null)]
    [InlineData(ImapOAuthMechanism.OAuthBearer)]
    [InlineData(ImapOAuthMechanism.XOAuth2)]
    public async Task A_valid_token_logs_in(ImapOAuthMechanism? mechanism)
    {
        var user = Server.CreateUser();
        await Server.DeliverAsync(user.UserName, TestMessages.Text("for the token holder"));
        await using var client = await ImapClient.ConnectAsync(Server.Options());

        await client.AuthenticateOAuthAsync(user.UserName, Server.IssueAccessToken(user.UserName), mechanism);

        client.IsAuthenticated.ShouldBeTrue();
        (await client.SelectAsync("INBOX")).Exists.ShouldBe(1u);
        var expected = mechanism == ImapOAuthMechanism.XOAuth2 ? "XOAUTH2" : "OAUTHBEARER";
        (await Server.LogShowsAsync($"user=<{user.UserName}>, method={expected}")).ShouldBeTrue(Server.ReadLog());
    }

    [Theory]
    [InlineData(ImapOAuthMechanism.OAuthBearer)]
    [InlineData(ImapOAuthMechanism.XOAuth2)]
    public async Task An_expired_or_foreign_token_is_refused_after_the_error_challenge_and_the_connection_goes_on(ImapOAuthMechanism mechanism)
    {
        var user = Server.CreateUser();
        var other = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options());

        var expired = await Should.ThrowAsync<ImapAuthenticationException>(
            () => client.AuthenticateOAuthAsync(user.UserName, Server.IssueAccessToken(user.UserName, TimeSpan.FromMinutes(-5)), mechanism));
        var foreign = await Should.ThrowAsync<ImapAuthenticationException>(
            () => client.AuthenticateOAuthAsync(user.UserName, Server.IssueAccessToken(other.UserName), mechanism));

        expired.ResponseCode.ShouldBe("AUTHENTICATIONFAILED");
        foreign.ResponseCode.ShouldBe("AUTHENTICATIONFAILED");
        await client.AuthenticateOAuthAsync(user.UserName, Server.IssueAccessToken(user.UserName), mechanism);
        client.IsAuthenticated.ShouldBeTrue();
    }
}
