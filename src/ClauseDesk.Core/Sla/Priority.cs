namespace ClauseDesk.Sla;

/// <summary>
/// The priority code of an incident (seed 001 art. 39.1.1): P1 is the most urgent. The names in
/// three languages are on <see cref="PriorityNames"/>.
/// </summary>
public enum Priority
{
    /// <summary>Critical · Kritiek · Critique.</summary>
    P1 = 1,

    /// <summary>High · Belangrijk · Important.</summary>
    P2 = 2,

    /// <summary>Medium · Medium · Moyen. A ticket continues at P3 once a workaround is in place (art. 39.3.1).</summary>
    P3 = 3,

    /// <summary>Low · Klein · Faible.</summary>
    P4 = 4,
}

/// <summary>How much an incident blocks work: the rows of the matrix of seed 001 art. 39.1.1.</summary>
public enum Urgency
{
    /// <summary>"Licht en niet blokkerend probleem": a light, non-blocking problem.</summary>
    NonBlocking,

    /// <summary>"Blokkerend probleem": a blocking problem.</summary>
    Blocking,
}

/// <summary>Whom an incident affects: the columns of the matrix of seed 001 art. 39.1.1.</summary>
public enum Impact
{
    /// <summary>"Op één of meerdere medewerker(s)": one or some members of staff.</summary>
    Some,

    /// <summary>"Op alle medewerkers": all staff.</summary>
    All,
}

/// <summary>The names of the priorities in English, Dutch (as seed 001 writes them) and French.</summary>
public static class PriorityNames
{
    /// <summary>Critical, High, Medium, Low.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one of P1–P4.</exception>
    public static string English(this Priority priority) => Pick(priority, "Critical", "High", "Medium", "Low");

    /// <summary>Kritiek, Belangrijk, Medium, Klein (seed 001 art. 39.1.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one of P1–P4.</exception>
    public static string Dutch(this Priority priority) => Pick(priority, "Kritiek", "Belangrijk", "Medium", "Klein");

    /// <summary>Critique, Important, Moyen, Faible.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one of P1–P4.</exception>
    public static string French(this Priority priority) => Pick(priority, "Critique", "Important", "Moyen", "Faible");

    /// <summary>E.g. <c>P2 (High)</c>, as shown in workings.</summary>
    public static string Label(this Priority priority) => $"{priority} ({priority.English()})";

    private static string Pick(Priority priority, string p1, string p2, string p3, string p4) => priority switch
    {
        Priority.P1 => p1,
        Priority.P2 => p2,
        Priority.P3 => p3,
        Priority.P4 => p4,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "a priority is P1, P2, P3 or P4"),
    };
}

/// <summary>The incident priority matrix of seed 001 art. 39.1.1 (urgency × business impact).</summary>
public static class PriorityMatrix
{
    /// <summary>The clause the matrix comes from.</summary>
    public const string Clause = "seed 001 art. 39.1.1";

    /// <summary>
    /// Non-blocking × some staff = P4, non-blocking × all staff = P3, blocking × some staff = P2,
    /// blocking × all staff = P1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined urgency or impact value.</exception>
    public static Priority From(Urgency urgency, Impact impact) => (urgency, impact) switch
    {
        (Urgency.NonBlocking, Impact.Some) => Priority.P4,
        (Urgency.NonBlocking, Impact.All) => Priority.P3,
        (Urgency.Blocking, Impact.Some) => Priority.P2,
        (Urgency.Blocking, Impact.All) => Priority.P1,
        _ when !Enum.IsDefined(urgency) => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "urgency is NonBlocking or Blocking"),
        _ => throw new ArgumentOutOfRangeException(nameof(impact), impact, "impact is Some or All"),
    };
}
