namespace ClauseDesk;

/// <summary>Contracts and billing (SPEC §4–5): index series and indexation, suspension and fees, the liability cap, export and purge.</summary>
public static class ContractsAndBilling
{
    public static IEndpointRouteBuilder MapContractsAndBilling(this IEndpointRouteBuilder endpoints) => endpoints
        .MapIndexSeries()
        .MapContractIndexation()
        .MapContractFee()
        .MapSuspension()
        .MapTermination()
        .MapOrganisationExport();
}
