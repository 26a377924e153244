using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>Changing a person's role through the API: designating a contact person (seed 001 art. 35.2).</summary>
public class PersonRoleTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_customer_admin_designates_a_contact_person_who_may_then_open_tickets(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var customerAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin")).Id);
        (await PostTicketAsync(customer.UserClient)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var changed = await Json(await customerAdmin.PostAsJsonAsync($"/api/people/{customer.User.Id}/role", new { role = "contact-person" }), HttpStatusCode.OK);

        changed.GetProperty("role").GetString().ShouldBe("contact-person");
        // The old session carried the old role; a new one may open.
        (await customer.UserClient.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostTicketAsync(await desk.SignInAsAsync(customer.User.Id))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Roles_stay_on_their_side_and_in_their_organisation(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var other = await desk.CreateCustomerAsync("Duvel");
        var customerAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin")).Id);

        var staff = await Json(await desk.Admin.PostAsJsonAsync($"/api/people/{customer.User.Id}/role", new { role = "agent" }), HttpStatusCode.UnprocessableEntity);
        staff.GetProperty("errors").GetProperty("role")[0].GetString()!.ShouldContain("keeps a customer role");
        (await Json(await desk.Admin.PostAsJsonAsync($"/api/people/{customer.User.Id}/role", new { role = "boss" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("role")[0].GetString()!.ShouldContain("'boss' is not a role");
        (await customerAdmin.PostAsJsonAsync($"/api/people/{other.User.Id}/role", new { role = "customer-admin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.ContactClient.PostAsJsonAsync($"/api/people/{customer.User.Id}/role", new { role = "customer-admin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var people = await Json(await desk.Admin.GetAsync($"/api/people?organisation={other.Organisation.Id}"), HttpStatusCode.OK);
        people.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == other.User.Id).GetProperty("role").GetString().ShouldBe("customer-user");
    }
}
