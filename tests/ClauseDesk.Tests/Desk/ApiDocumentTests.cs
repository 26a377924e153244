using System.Net;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

public class ApiDocumentTests
{
    [Fact]
    public async Task The_openapi_document_and_the_browsable_reference_are_served()
    {
        await using var desk = await StartAsync("sqlite");
        var document = await Json(await desk.Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/tickets", "/api/tickets/{number}", "/api/tickets/{number}/actions/{action}", "/api/tickets/{number}/audit", "/api/contracts", "/api/sessions" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }

        foreach (var (path, method) in new[] { ("/api/invoices/{number}/credit-notes", "post"), ("/api/credit-notes/{number}/ubl", "get"), ("/api/payments", "post"), ("/api/organisations/{id}/account", "get") })
        {
            paths.GetProperty(path).GetProperty(method).GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(path);
        }

        paths.GetProperty("/api/organisations/{id}/account").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ShouldContain(p => p.GetProperty("name").GetString() == "on" && p.GetProperty("in").GetString() == "query");
        paths.GetProperty("/api/payments").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _).ShouldBeTrue();

        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        document.GetProperty("security").GetArrayLength().ShouldBe(1);
        paths.GetProperty("/api/tickets").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _).ShouldBeTrue();
        paths.GetProperty("/api/organisations").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _).ShouldBeTrue();
        paths.GetProperty("/api/tickets").GetProperty("post").GetProperty("parameters").EnumerateArray()
            .ShouldContain(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        paths.GetProperty("/api/tickets/{number}/actions/{action}").GetProperty("post").GetProperty("parameters").EnumerateArray()
            .ShouldContain(p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("required").GetBoolean());

        var reference = await desk.Anonymous().GetAsync("/docs/index.html");
        reference.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reference.Content.ReadAsStringAsync()).ShouldContain("ClauseDesk API");
    }
}
