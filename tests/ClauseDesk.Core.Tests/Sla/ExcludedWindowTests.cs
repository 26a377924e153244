using static ClauseDesk.Sla.SlaTestKit;

namespace ClauseDesk.Sla;

/// <summary>Announced maintenance suspends the clocks of the tickets it affects (seed 001 art. 34.4, 38.3; SPEC §6).</summary>
public class ExcludedWindowTests
{
    private static readonly SlaPolicy Type1 = SlaPolicy.Preset("managed-type1");

    private static ExcludedWindow Window(string start, string end) => new(At(start), At(end), "Planned maintenance \"Database upgrade\"");

    [Fact]
    public void A_window_inside_the_reaction_time_moves_the_due_by_its_business_time()
    {
        // Type 1, P1: reaction within 4 business hours, Mon–Fri 08:45–17:00.
        TicketEvent[] history = [Submit("2026-11-23T09:00:00+01:00", Priority.P1)];

        var without = SlaEngine.Evaluate(Type1, history, At("2026-11-23T09:30:00+01:00"));
        var with = SlaEngine.Evaluate(Type1, history, At("2026-11-23T09:30:00+01:00"), excluded: [Window("2026-11-23T10:00:00+01:00", "2026-11-23T12:00:00+01:00")]);

        without.Reaction.Due.ShouldBeAt("2026-11-23T13:00:00+01:00");
        with.Reaction.Due.ShouldBeAt("2026-11-23T15:00:00+01:00");
        with.Reaction.Working.Text().ShouldContain("Planned maintenance \"Database upgrade\", excluded (seed 001 art. 34.4, 38.3): lies ahead; the due allows for it.");
    }

    [Fact]
    public void During_the_window_the_clock_shows_paused_for_announced_maintenance_and_uses_no_time()
    {
        TicketEvent[] history = [Submit("2026-11-23T09:00:00+01:00", Priority.P1)];
        ExcludedWindow[] windows = [Window("2026-11-23T10:00:00+01:00", "2026-11-23T12:00:00+01:00")];

        var status = SlaEngine.Evaluate(Type1, history, At("2026-11-23T11:00:00+01:00"), excluded: windows);

        status.Reaction.IsPaused.ShouldBeTrue();
        status.Reaction.PauseReason.ShouldBe(PauseReason.AnnouncedMaintenance);
        status.Reaction.Used.ShouldBe(TimeSpan.FromHours(1));
        status.Reaction.Working.Text().ShouldContain("2. Planned maintenance \"Database upgrade\", excluded (seed 001 art. 34.4, 38.3): 1 h of business time not counted.");
    }

    [Fact]
    public void A_window_after_the_clock_stopped_changes_nothing()
    {
        TicketEvent[] history = [Submit("2026-11-23T09:00:00+01:00", Priority.P1), Ack("2026-11-23T09:30:00+01:00")];
        ExcludedWindow[] windows = [Window("2026-11-23T10:00:00+01:00", "2026-11-23T12:00:00+01:00")];

        var status = SlaEngine.Evaluate(Type1, history, At("2026-11-23T13:00:00+01:00"), excluded: windows);

        status.Reaction.Due.ShouldBeAt("2026-11-23T13:00:00+01:00");
        status.Reaction.Used.ShouldBe(TimeSpan.FromMinutes(30));
        status.Reaction.Working.Text().ShouldNotContain("Database upgrade");
    }

    [Fact]
    public void A_window_that_overlaps_a_pause_is_not_subtracted_twice()
    {
        TicketEvent[] history =
        [
            Submit("2026-11-23T09:00:00+01:00", Priority.P1),
            new Paused(At("2026-11-23T09:30:00+01:00"), "agent", PauseReason.ForceMajeure),
            new Resumed(At("2026-11-23T11:00:00+01:00"), "agent"),
        ];
        ExcludedWindow[] windows = [Window("2026-11-23T10:00:00+01:00", "2026-11-23T12:00:00+01:00")];

        var status = SlaEngine.Evaluate(Type1, history, At("2026-11-23T12:30:00+01:00"), excluded: windows);

        // Counted: 09:00–09:30 and 12:00–12:30; the pause and the window together cover 09:30–12:00.
        status.Reaction.Used.ShouldBe(TimeSpan.FromHours(1));
        status.Reaction.Due.ShouldBeAt("2026-11-23T15:30:00+01:00");
    }

    [Fact]
    public void A_window_must_end_after_it_starts()
    {
        Should.Throw<ArgumentException>(() => Window("2026-11-23T12:00:00+01:00", "2026-11-23T12:00:00+01:00")).ParamName.ShouldBe("end");
    }
}
