namespace ClauseDesk.Access;

/// <summary>Who someone is to the desk (SPEC §7).</summary>
public enum Role
{
    /// <summary>Runs the provider (tenant): organisations, contracts, people, calendars.</summary>
    ProviderAdmin,

    /// <summary>Handles tickets; works at support line 1 or 2.</summary>
    Agent,

    /// <summary>Manages the people of their own organisation and their rights per contract.</summary>
    CustomerAdmin,

    /// <summary>A designated contact person: may open tickets under a service-level contract (seed 001 art. 35.2, 36).</summary>
    ContactPerson,

    /// <summary>Any other member of a customer's staff: sees what their rights allow.</summary>
    CustomerUser,
}

public static class Roles
{
    /// <summary>Provider staff see every organisation of their tenant.</summary>
    public static bool IsProviderStaff(this Role role) => role is Role.ProviderAdmin or Role.Agent;

    /// <summary>The role as written in the API and tokens: <c>provider-admin</c>, <c>agent</c>, …</summary>
    public static string Code(this Role role) => role switch
    {
        Role.ProviderAdmin => "provider-admin",
        Role.Agent => "agent",
        Role.CustomerAdmin => "customer-admin",
        Role.ContactPerson => "contact-person",
        Role.CustomerUser => "customer-user",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "an undefined role"),
    };

    /// <summary>Reads a role code.</summary>
    /// <exception cref="ArgumentException">Not a role code.</exception>
    public static Role Parse(string code) =>
        Enum.GetValues<Role>().FirstOrDefault(r => r.Code() == code, (Role)(-1)) is var role && Enum.IsDefined(role)
            ? role
            : throw new ArgumentException($"'{code}' is not a role; use one of {string.Join(", ", Enum.GetValues<Role>().Select(r => r.Code()))}", nameof(code));
}
