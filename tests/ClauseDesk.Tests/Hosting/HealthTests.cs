using System.Net;
using System.Net.Http.Json;

namespace ClauseDesk.Hosting;

public class HealthTests
{
    [Fact]
    public async Task A_started_host_answers_health_on_loopback()
    {
        await using var app = WebApp.Build([], "http://127.0.0.1:0");
        await app.StartAsync();
        var address = app.Urls.Single();
        address.ShouldStartWith("http://127.0.0.1:");

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var response = await client.GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<WebApp.HealthReport>();
        report!.Status.ShouldBe("ok");

        (await client.GetAsync("/no-such-page")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.StopAsync();
    }
}
