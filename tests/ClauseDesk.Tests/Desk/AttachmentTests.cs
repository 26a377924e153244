using System.Net;
using System.Net.Http.Headers;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

public class AttachmentTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string number, byte[] content, string type, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        form.Add(file, "file", name);
        return client.PostAsync($"/api/tickets/{number}/attachments", form);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_screenshot_is_kept_exactly_and_served_as_a_download(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;

        var created = await Json(await UploadAsync(customer.ContactClient, number, Png, "image/png", @"C:\Users\an\screen.png"), HttpStatusCode.Created);
        created.GetProperty("fileName").GetString().ShouldBe("screen.png");
        var id = created.GetProperty("id").GetString();

        var download = await customer.ContactClient.GetAsync($"/api/tickets/{number}/attachments/{id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");

        (await Json(await customer.ContactClient.GetAsync($"/api/tickets/{number}/attachments"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        var other = await desk.CreateCustomerAsync("Duvel");
        (await other.ContactClient.GetAsync($"/api/tickets/{number}/attachments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("application/x-msdownload", "tool.exe", "contentType")]
    [InlineData("image/png", "photo.png", "file")]
    [InlineData("text/plain", "notes.txt", "file")]
    public async Task Wrong_types_and_disguised_programs_are_refused(string type, string name, string field)
    {
        await using var desk = await StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        byte[] program = [0x4D, 0x5A, 0x90, 0x00, 0x03];
        var refused = await UploadAsync(customer.ContactClient, number, program, type, name);
        (await Json(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Files_over_20_MB_are_refused()
    {
        await using var desk = await StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        var big = new byte[(20 * 1024 * 1024) + 1];
        Png.CopyTo(big, 0);
        var refused = await UploadAsync(customer.ContactClient, number, big, "image/png", "huge.png");
        (await Json(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("20 MB");
    }
}
