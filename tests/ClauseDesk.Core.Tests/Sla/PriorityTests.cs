namespace ClauseDesk.Sla;

public class PriorityTests
{
    // Seed 001 art. 39.1.1, the incident priority matrix.
    [Theory]
    [InlineData(Urgency.NonBlocking, Impact.Some, Priority.P4)]
    [InlineData(Urgency.NonBlocking, Impact.All, Priority.P3)]
    [InlineData(Urgency.Blocking, Impact.Some, Priority.P2)]
    [InlineData(Urgency.Blocking, Impact.All, Priority.P1)]
    public void Seed001_art39_1_1_matrix_urgency_by_impact(Urgency urgency, Impact impact, Priority expected)
    {
        PriorityMatrix.From(urgency, impact).ShouldBe(expected);
    }

    [Fact]
    public void The_matrix_refuses_undefined_values()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PriorityMatrix.From((Urgency)7, Impact.All)).ParamName.ShouldBe("urgency");
        Should.Throw<ArgumentOutOfRangeException>(() => PriorityMatrix.From(Urgency.Blocking, (Impact)7)).ParamName.ShouldBe("impact");
    }

    [Theory]
    [InlineData(Priority.P1, "Critical", "Kritiek", "Critique")]
    [InlineData(Priority.P2, "High", "Belangrijk", "Important")]
    [InlineData(Priority.P3, "Medium", "Medium", "Moyen")]
    [InlineData(Priority.P4, "Low", "Klein", "Faible")]
    public void Seed001_art39_1_1_names_in_three_languages(Priority priority, string english, string dutch, string french)
    {
        priority.English().ShouldBe(english);
        priority.Dutch().ShouldBe(dutch);
        priority.French().ShouldBe(french);
    }
}
