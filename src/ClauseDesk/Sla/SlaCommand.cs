using System.CommandLine;

namespace ClauseDesk;

/// <summary><c>clausedesk sla</c>: a ticket's reaction and resolution due under a policy (SPEC §2).</summary>
public static class SlaCommand
{
    public static Command Create()
    {
        var command = new Command("sla", "Reaction and resolution due of a ticket under an SLA policy");
        return command;
    }
}
