namespace ClauseDesk.Access;

/// <summary>A customer organisation of a provider.</summary>
public sealed class Organisation
{
    private Organisation()
    {
    }

    /// <exception cref="ArgumentException">The name is blank.</exception>
    public Organisation(Guid tenantId, string name, string? vatNumber = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Name = name.Trim();
        VatNumber = string.IsNullOrWhiteSpace(vatNumber) ? null : vatNumber.Trim();
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; } = "";
    public string? VatNumber { get; private set; }

    /// <summary>The invoicing details (name, address, enterprise and VAT number) as JSON, checked when set; null until given.</summary>
    public string? BillingJson { get; private set; }

    public void SetBilling(string json) => BillingJson = json;
}
