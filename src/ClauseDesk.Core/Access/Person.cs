using ClauseDesk.Tickets;

namespace ClauseDesk.Access;

/// <summary>
/// Someone who signs in: provider staff (no organisation) or a member of a customer organisation.
/// </summary>
public sealed class Person
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);

    private Person()
    {
    }

    /// <exception cref="ArgumentException">The name or e-mail is blank, or the role does not fit the organisation (staff have none, customers need one).</exception>
    public Person(Guid tenantId, Guid? organisationId, string name, string email, Role role, string language = "nl", SupportLine? agentLine = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (role.IsProviderStaff() != (organisationId is null))
        {
            throw new ArgumentException(role.IsProviderStaff() ? "provider staff belong to no customer organisation" : "a customer's person belongs to an organisation", nameof(organisationId));
        }

        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        OrganisationId = organisationId;
        Name = name.Trim();
        Email = NormaliseEmail(email);
        Role = role;
        Language = language is "nl" or "fr" or "en" ? language : throw new ArgumentException($"'{language}' is not nl, fr or en", nameof(language));
        AgentLine = role == Role.Agent ? agentLine ?? SupportLine.First : null;
    }

    /// <summary>
    /// The one form an address is stored and compared in: trimmed, lower case and in Unicode
    /// composed form (NFC), so "zoë@" typed as e + combining diaeresis finds the stored "zoë@".
    /// </summary>
    public static string NormaliseEmail(string email) => email.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public Role Role { get; private set; }
    public string Language { get; private set; } = "nl";
    public SupportLine? AgentLine { get; private set; }
    public string? PasswordHash { get; private set; }
    public int FailedSignIns { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public bool Active { get; private set; } = true;

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void Deactivate() => Active = false;

    /// <summary>
    /// Gives the person another role on the same side: staff stay staff, a customer's person stays in
    /// their organisation (designating a contact person, say). Their sessions end: tokens and cookies
    /// carry the role they were issued with.
    /// </summary>
    /// <exception cref="DeskRuleException">The role would move the person between the provider and a customer.</exception>
    public void ChangeRole(Role role)
    {
        if (role.IsProviderStaff() != Role.IsProviderStaff())
        {
            throw new DeskRuleException("role", Role.IsProviderStaff()
                ? "provider staff keep a staff role (provider-admin or agent)"
                : "a customer's person keeps a customer role (customer-admin, contact-person or customer-user)");
        }

        Role = role;
        AgentLine = role == Role.Agent ? AgentLine ?? SupportLine.First : null;
    }
}
