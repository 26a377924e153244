namespace ClauseDesk.Access;

/// <summary>
/// A fine-grained right of a customer's person on one contract (seed 000: company-level access plus
/// rights per contract). Customer admins and contact persons see all their organisation's tickets;
/// a customer user sees the tickets they asked for, and all of a contract's tickets only with
/// <see cref="CanView"/> on it. Set by the provider admin or the customer's admin.
/// </summary>
public sealed class ContractRight
{
    private ContractRight()
    {
    }

    public ContractRight(Guid tenantId, Guid personId, Guid contractId, bool canView)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        PersonId = personId;
        ContractId = contractId;
        CanView = canView;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid ContractId { get; private set; }
    public bool CanView { get; set; }
}
