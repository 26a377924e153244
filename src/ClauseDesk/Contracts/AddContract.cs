using System.Text.Json;
using ClauseDesk.Data;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Contracts;

/// <summary>Adding a contract to an organisation, for the API and the portal's admin pages alike.</summary>
public static class AddContract
{
    /// <summary>Checks and builds the contract without saving it: the portal previews its calendar and a sample deadline with it.</summary>
    /// <exception cref="RequestException">Not a provider admin (403), bad input (400), no such organisation or service manager (404).</exception>
    /// <exception cref="DeskRuleException">The contract refuses a value (preset, fee, auto-close, calendar, targets).</exception>
    public static async Task<ServiceContract> BuildAsync(DeskDbContext db, CurrentUser user, ContractRequest request, CancellationToken cancellation)
    {
        user.RequireProviderAdmin();

        var organisationId = request.OrganisationId ?? throw RequestException.Invalid("organisationId", "which organisation is the contract with?");
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellation))
        {
            throw RequestException.NotFound("organisationId", "no such organisation");
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw RequestException.Invalid("name", "a contract needs a name");
        }

        var contract = new ServiceContract(user.TenantId, organisationId, request.Name, request.SlaPreset ?? "");
        contract.SetFee(request.MonthlyFee);
        contract.SetAutoClose(request.AutoCloseWorkingDays);
        if (request.OnlyContactPersonsMayOpen is { } only)
        {
            contract.OnlyContactPersonsMayOpen = only;
        }

        if (request.IncidentReportRule is { } rule)
        {
            contract.IncidentReportRule = OpenTicket.Parse<IncidentReportRule>(rule, "incidentReportRule", required: true);
        }

        if (request.SupplierResume is { } reading)
        {
            contract.SetSupplierResume(OpenTicket.Parse<SupplierResumeReading>(reading, "supplierResume", required: true));
        }

        if (request.ServiceManagerId is { } manager && !await db.People.AnyAsync(p => p.Id == manager && p.OrganisationId == null, cancellation))
        {
            throw RequestException.NotFound("serviceManagerId", "the service manager must be one of the provider's staff");
        }

        contract.ServiceManagerId = request.ServiceManagerId;
        contract.Tier2Contacts = request.Tier2Contacts ?? "";
        contract.Tier3Contacts = request.Tier3Contacts ?? "";
        contract.SetCalendar(request.Calendar is { ValueKind: JsonValueKind.Object } calendar ? calendar.GetRawText() : null);
        contract.SetTargets(request.Targets is { ValueKind: JsonValueKind.Object } targets ? targets.GetRawText() : null);
        return contract;
    }

    /// <exception cref="RequestException">As <see cref="BuildAsync"/>.</exception>
    /// <exception cref="DeskRuleException">As <see cref="BuildAsync"/>.</exception>
    public static async Task<ServiceContract> HandleAsync(DeskDbContext db, CurrentUser user, ContractRequest request, CancellationToken cancellation)
    {
        var contract = await BuildAsync(db, user, request, cancellation);
        db.Contracts.Add(contract);
        await db.SaveChangesAsync(cancellation);
        return contract;
    }
}
