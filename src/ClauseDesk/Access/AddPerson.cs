using ClauseDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Access;

/// <summary>
/// Adding a person, for the API and the portal's admin pages alike: the provider admin adds anyone,
/// a customer admin only customer roles in their own organisation.
/// </summary>
public static class AddPerson
{
    /// <exception cref="RequestException">Not allowed (403), bad input (400), no such organisation (404), the address is taken (409).</exception>
    public static async Task<Person> HandleAsync(DeskDbContext db, PasswordHasher<Person> hasher, CurrentUser user, PersonRequest request, CancellationToken cancellation)
    {
        var role = ChangePerson.ParseRole(request.Role ?? "");

        if (user.Role == Role.CustomerAdmin)
        {
            if (role.IsProviderStaff() || request.OrganisationId != user.OrganisationId)
            {
                throw RequestException.Forbidden("customer admins add people to their own organisation only");
            }
        }
        else
        {
            user.RequireProviderAdmin();
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw RequestException.Invalid("name", "a person needs a name");
        }

        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@'))
        {
            throw RequestException.Invalid("email", "a valid e-mail address");
        }

        if (request.OrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org, cancellation))
        {
            throw RequestException.NotFound("organisationId", "no such organisation");
        }

        var email = Person.NormaliseEmail(request.Email);
        if (await db.People.AnyAsync(p => p.Email == email, cancellation))
        {
            throw new RequestException(StatusCodes.Status409Conflict, "Already exists", "email", $"{email} is already someone's address");
        }

        Person person;
        try
        {
            person = new Person(user.TenantId, request.OrganisationId, request.Name, email, role, request.Language ?? "nl", request.AgentLine is 2 ? Tickets.SupportLine.Second : null);
        }
        catch (ArgumentException e)
        {
            throw RequestException.Invalid(e.ParamName ?? "body", e.Message.Split(" (Parameter")[0]);
        }

        if (request.Password is { } password)
        {
            if (password.Length < 12)
            {
                throw RequestException.Invalid("password", "at least 12 characters");
            }

            person.SetPasswordHash(hasher.HashPassword(person, password));
        }

        db.People.Add(person);
        await db.SaveChangesAsync(cancellation);
        return person;
    }
}
