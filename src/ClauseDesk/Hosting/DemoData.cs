using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

/// <summary>
/// <c>serve --demo</c>: customers on every SLA preset, their people, and tickets in every state, so a
/// new user sees something real at once. Loaded once, into the first provider, when it has no customers.
/// </summary>
public static class DemoData
{
    public const string Password = "demo-password-2026";

    private static readonly (string Organisation, string Preset)[] Customers =
    [
        ("Brouwerij Het Anker", "managed-type1"),
        ("Stad Mechelen", "managed-type2"),
        ("Ziekenhuis Sint-Jan", "managed-type3"),
        ("Port of Antwerp Logistics", "managed-type4"),
        ("Banque Wallonne", "managed-type5"),
        ("Boekhouding Peeters", "software-support"),
        ("FOD Digitale Transformatie", "public-desk"),
        ("Webwinkel Online", "24x7"),
    ];

    /// <summary>Loads the demo; returns the people to sign in as, or nothing when the provider already has customers.</summary>
    public static async Task<IReadOnlyList<string>> LoadAsync(IServiceProvider services, CancellationToken cancellation)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<PasswordHasher<Person>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var tenant = await db.Tenants.OrderBy(t => t.Name).FirstAsync(cancellation);
        db.Scope.TenantId = tenant.Id;
        db.Scope.Actor = Actor.System;
        if (await db.Organisations.AnyAsync(cancellation))
        {
            return [];
        }

        var signIns = new List<string>();
        Person Add(Guid? organisation, string name, Role role, string language = "nl")
        {
            var email = $"{name.Split(' ')[0].ToLowerInvariant()}@{(organisation is null ? "provider" : "customer")}.demo";
            var person = new Person(tenant.Id, organisation, name, email, role, language);
            person.SetPasswordHash(hasher.HashPassword(person, Password));
            db.People.Add(person);
            signIns.Add($"{email} ({role.Code()})");
            return person;
        }

        var manager = Add(null, "Sofie Servicemanager", Role.Agent, "en");
        var agent = Actor.Of(Add(null, "Eva Agent", Role.Agent, "en"));
        Add(null, "Tom Tweedelijn", Role.Agent);
        await db.SaveChangesAsync(cancellation);

        var sequence = 0;
        var language = new[] { "nl", "fr", "en" };
        foreach (var (index, (name, preset)) in Customers.Index())
        {
            var organisation = new Organisation(tenant.Id, name);
            db.Organisations.Add(organisation);
            var contract = new ServiceContract(tenant.Id, organisation.Id, $"{preset} service levels", preset);
            contract.SetFee(preset.StartsWith("managed", StringComparison.Ordinal) ? 1200m : null);
            contract.ServiceManagerId = manager.Id;
            contract.Tier2Contacts = "escalation@provider.demo";
            contract.Tier3Contacts = "director@provider.demo";
            db.Contracts.Add(contract);
            var first = name.Split(' ')[^1];
            var contact = Add(organisation.Id, $"{first}Contact {name}", Role.ContactPerson, language[index % 3]);
            Add(organisation.Id, $"{first}User {name}", Role.CustomerUser, language[index % 3]);
            if (index == 0)
            {
                Add(organisation.Id, $"{first}Admin {name}", Role.CustomerAdmin);
            }

            await db.SaveChangesAsync(cancellation);

            // One ticket per state, submitted over the last days so the clocks show every colour.
            var requester = Actor.Of(contact);
            var states = Enum.GetValues<TicketStatus>();
            foreach (var (n, state) in states.Index())
            {
                var submitted = now.AddHours(-(n * 7) - index - 1);
                var ticket = Ticket.Open(
                    $"{tenant.TicketPrefix}-{now.Year}-{++sequence:000000}", contract, contact, requester,
                    new TicketRequest($"{Subjects[n % Subjects.Length]} ({name})", "Demo ticket: see the working of every deadline.", (Urgency)(n % 2), (Impact)((n / 2) % 2)),
                    [contact.Name], submitted);
                var t = submitted.AddMinutes(20);
                if (state != TicketStatus.New)
                {
                    ticket.Acknowledge(agent, t);
                }

                switch (state)
                {
                    case TicketStatus.InProgress: ticket.StartWork(agent, t.AddMinutes(5)); break;
                    case TicketStatus.WaitingOnCustomer: ticket.AskCustomer(agent, t.AddMinutes(5), "Can you send a screenshot of the error?", null); break;
                    case TicketStatus.WaitingOnSupplier: ticket.WaitOnSupplier(agent, t.AddMinutes(5), "Case opened with the vendor"); break;
                    case TicketStatus.Workaround: ticket.ProvideWorkaround(agent, t.AddMinutes(30), "Temporary route in place"); break;
                    case TicketStatus.Resolved: ticket.Resolve(agent, t.AddMinutes(60), ClosingReason.Fixed, null); break;
                    case TicketStatus.Closed:
                        ticket.Resolve(agent, t.AddMinutes(60), ClosingReason.AdviceGiven, null);
                        ticket.Accept(requester, t.AddMinutes(90));
                        break;
                }

                ticket.Refresh(contract.Policy(), contract.Fees(), now);
                ticket.TakeNotices();
                db.Tickets.Add(ticket);
            }

            await db.SaveChangesAsync(cancellation);
        }

        // Continue numbering after the demo tickets.
        db.TicketCounters.Add(new Data.Infrastructure.TicketCounter { TenantKey = tenant.Id.ToString("N"), Year = now.Year, LastValue = sequence });
        await db.SaveChangesAsync(cancellation);
        return signIns;
    }

    private static readonly string[] Subjects =
    [
        "Mail server does not deliver", "VPN drops every hour", "Invoice module shows an error", "New laptop for an employee",
        "Printer on floor 2 offline", "Backup failed last night", "Slow ERP screens", "Password reset does not arrive",
    ];
}
