using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>Company-level access plus rights per contract (seed 000), through the API.</summary>
public class ContractRightsTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_customer_user_sees_their_own_tickets_and_a_contracts_tickets_only_with_the_right(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker", "software-support");
        var customerAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin")).Id);
        var contacts = (await OpenTicketAsync(customer.ContactClient, subject: "Contact's ticket")).GetProperty("number").GetString()!;
        var own = (await OpenTicketAsync(customer.UserClient, subject: "User's ticket")).GetProperty("number").GetString()!;

        async Task<List<string?>> Visible() => (await Json(await customer.UserClient.GetAsync("/api/tickets"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ToList();

        (await Visible()).ShouldBe([own]);
        (await customer.UserClient.GetAsync($"/api/tickets/{contacts}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var granted = await customerAdmin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rights/{customer.User.Id}", new { canView = true });
        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Visible()).Order().ShouldBe(new[] { contacts, own }.Order());
        (await customer.UserClient.GetAsync($"/api/tickets/{contacts}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rights/{customer.User.Id}", new { canView = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Visible()).ShouldBe([own]);

        // Only admins manage rights, and only for their own organisation's people.
        (await customer.ContactClient.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rights/{customer.User.Id}", new { canView = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await desk.CreateCustomerAsync("Duvel");
        (await customerAdmin.PutAsJsonAsync($"/api/contracts/{other.Contract.Id}/rights/{other.User.Id}", new { canView = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
