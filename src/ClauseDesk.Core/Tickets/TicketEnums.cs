namespace ClauseDesk.Tickets;

/// <summary>Where a ticket is in its life (SPEC §3).</summary>
public enum TicketStatus
{
    New,
    Acknowledged,
    InProgress,
    WaitingOnCustomer,
    WaitingOnSupplier,
    Workaround,

    /// <summary>Solved, awaiting the customer's acceptance (seed 004 §6).</summary>
    Resolved,
    Closed,
}

public enum TicketType
{
    Incident,
    Question,

    /// <summary>Escalated to the service manager (seed 003).</summary>
    Complaint,
}

public enum Channel
{
    Portal,
    Email,

    /// <summary>Entered by an agent; P1/P2 only, with a written confirmation asked (seed 001 art. 39.2.2).</summary>
    Phone,
    Api,
}

/// <summary>Support lines of seed 004 §7: the supplier is the third.</summary>
public enum SupportLine
{
    First = 1,
    Second = 2,
    Supplier = 3,
}

/// <summary>Why a ticket was closed (seed 004 §6).</summary>
public enum ClosingReason
{
    /// <summary>The fault was found and corrected.</summary>
    Fixed,

    /// <summary>The customer was advised how to prevent the problem.</summary>
    AdviceGiven,

    /// <summary>Fixed in a later patch or version.</summary>
    FixedInLaterVersion,

    /// <summary>The customer did not answer a question within the contract's working days (auto-close).</summary>
    NoReply,

    /// <summary>No fault: the software works as intended.</summary>
    NoFaultFound,
}

public static class TicketWords
{
    /// <summary>The form used in the API: <c>in-progress</c>, <c>waiting-on-customer</c>, …</summary>
    public static string Code<T>(this T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>Reads the API form back, e.g. <c>waiting-on-customer</c>.</summary>
    public static bool TryParseCode<T>(string? code, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
