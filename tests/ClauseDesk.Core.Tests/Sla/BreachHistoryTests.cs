using static ClauseDesk.Sla.SlaTestKit;

namespace ClauseDesk.Sla;

/// <summary>
/// What happens after a due (a reopening, an on-site agreement, a priority change) cannot rewrite
/// a breach that already happened, nor date one before anyone knew (ADR 0004).
/// </summary>
public class BreachHistoryTests
{
    private static readonly FeeSchedule Fee1200 = FeeSchedule.Constant(Money.Euros(1200m));

    // Type 4, P1, acknowledged Mon 10:30: 1 business day (18 h) → resolution due Tue 10:30.
    private static readonly TicketEvent[] LateFix =
    [
        Submit("2026-11-23T10:00:00+01:00", Priority.P1),
        Ack("2026-11-23T10:30:00+01:00"),
        new Resolved(At("2026-11-24T11:30:00+01:00"), "desk"),
    ];

    private static SlaStatus Type4(string now, TicketEvent[] history) =>
        SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), history, At(now), Fee1200);

    [Fact]
    public void Seed001_art40_3_the_time_a_ticket_stood_resolved_before_a_reopening_is_not_lateness()
    {
        var status = Type4("2026-12-28T10:05:00+01:00",
        [
            .. LateFix,
            new Reopened(At("2026-12-28T10:00:00+01:00"), "customer"),
            new Resolved(At("2026-12-28T10:05:00+01:00"), "desk"),
        ]);

        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.Kind.ShouldBe(ClockKind.Resolution);
        breach.Due.ShouldBe(At("2026-11-24T10:30:00+01:00"));
        // 1 h late at the first fix, 5 min more after the reopening; the month in between is not late.
        breach.LateBy.ShouldBe(new TimeSpan(1, 5, 0));
        breach.DaysExceeded.ShouldBe(1);
        breach.Penalty.ShouldBe(Money.Euros(120m));
        breach.Working.Text().ShouldContain("while the ticket stood resolved or worked around");
    }

    [Fact]
    public void Seed001_art40_3_a_reopened_clock_still_running_counts_only_its_running_time_after_the_due()
    {
        var status = Type4("2026-12-28T12:00:00+01:00",
        [
            .. LateFix,
            new Reopened(At("2026-12-28T10:00:00+01:00"), "customer"),
        ]);

        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.Ongoing.ShouldBeTrue();
        breach.Until.ShouldBe(At("2026-12-28T12:00:00+01:00"));
        breach.LateBy.ShouldBe(TimeSpan.FromHours(3));
        breach.Penalty.ShouldBe(Money.Euros(120m));
    }

    [Fact]
    public void Seed001_art40_3_pauses_after_the_due_still_count_as_days_exceeded()
    {
        // The clause counts days, not business days: a pause after the due does not stop the count.
        var status = Type4("2026-11-25T10:30:00+01:00",
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-23T10:30:00+01:00"),
            new Paused(At("2026-11-24T12:00:00+01:00"), "desk", PauseReason.AwaitingCustomer),
            new Resumed(At("2026-11-24T20:00:00+01:00"), "desk"),
            new Resolved(At("2026-11-25T10:30:00+01:00"), "desk"),
        ]);

        status.Breaches.ShouldHaveSingleItem().LateBy.ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public void Seed001_art39_1_3_an_on_site_intervention_agreed_after_the_clock_stopped_does_not_cancel_the_breach()
    {
        // The workaround came 1 h late; the on-site visit for the definitive fix is agreed afterwards.
        var status = Type4("2026-11-24T12:00:00+01:00",
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-23T10:30:00+01:00"),
            new WorkaroundProvided(At("2026-11-24T11:30:00+01:00"), "desk"),
            new OnSiteAgreed(At("2026-11-24T12:00:00+01:00"), "desk"),
        ]);

        status.Resolution.TargetTime.ShouldBe(TimeSpan.FromHours(18));
        status.Resolution.Due.ShouldBeAt("2026-11-24T10:30:00+01:00");
        status.Resolution.Breached.ShouldBeTrue();
        status.Breaches.ShouldHaveSingleItem().LateBy.ShouldBe(TimeSpan.FromHours(1));
        status.Resolution.Working.Text().ShouldContain("after the clock stopped: it does not move the due");
    }

    [Fact]
    public void Seed001_art39_1_3_a_reopened_clock_counts_only_on_site_interventions_agreed_while_it_ran()
    {
        // 2 h until the workaround; the visit agreed while worked around does not count, the one
        // agreed after the reopening does. Without extension: 2 h + Mon 14:00–24:00 + Tue 6 h → Tue 12:00.
        TicketEvent[] history =
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-23T10:30:00+01:00"),
            new WorkaroundProvided(At("2026-11-23T12:30:00+01:00"), "desk"),
            new OnSiteAgreed(At("2026-11-23T13:00:00+01:00"), "desk"),
            new Reopened(At("2026-11-23T14:00:00+01:00"), "customer"),
        ];

        var inGapOnly = Type4("2026-11-24T13:00:00+01:00", history);
        var both = Type4("2026-11-24T13:00:00+01:00", [.. history, new OnSiteAgreed(At("2026-11-24T09:00:00+01:00"), "desk")]);

        inGapOnly.Resolution.TargetTime.ShouldBe(TimeSpan.FromHours(18));
        inGapOnly.Resolution.Due.ShouldBeAt("2026-11-24T12:00:00+01:00");
        inGapOnly.Resolution.Breached.ShouldBeTrue();
        both.Resolution.TargetTime.ShouldBe(TimeSpan.FromHours(36));
        both.Resolution.Breached.ShouldBeFalse();
    }

    [Fact]
    public void Spec2_lowering_the_priority_after_the_due_passed_does_not_erase_the_breach()
    {
        var status = Type4("2026-11-24T15:00:00+01:00",
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-23T10:30:00+01:00"),
            new PriorityChanged(At("2026-11-24T14:00:00+01:00"), "desk", Priority.P4, "only one user affected after all"),
            new Resolved(At("2026-11-24T15:00:00+01:00"), "desk"),
        ]);

        status.TargetPriority.ShouldBe(Priority.P4);
        status.Resolution.Priority.ShouldBe(Priority.P1);
        status.Resolution.Due.ShouldBeAt("2026-11-24T10:30:00+01:00");
        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.At.ShouldBe(At("2026-11-24T10:30:00+01:00"));
        breach.LateBy.ShouldBe(new TimeSpan(4, 30, 0));
        breach.Penalty.ShouldBe(Money.Euros(120m));
        status.EscalationTier.Value.ShouldBe(2);
        status.Resolution.Working.Reading.ShouldContain("priority-change: no rewriting the past");
        status.Resolution.Working.Text().ShouldContain("Changing the priority afterwards does not erase that breach");
    }

    [Fact]
    public void Spec2_lowering_the_priority_before_the_due_recomputes_the_target_from_the_start()
    {
        var status = Type4("2026-11-24T15:00:00+01:00",
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-23T10:30:00+01:00"),
            new PriorityChanged(At("2026-11-23T12:00:00+01:00"), "desk", Priority.P4),
            new Resolved(At("2026-11-24T15:00:00+01:00"), "desk"),
        ]);

        status.Resolution.Priority.ShouldBe(Priority.P4);
        status.Resolution.TargetTime.ShouldBe(TimeSpan.FromHours(90));
        status.Breaches.ShouldBeEmpty();
    }

    [Fact]
    public void Spec2_raising_the_priority_cannot_date_a_breach_before_the_change()
    {
        // Under P1 from the start the due would be Tue 10:30; P1 was only known Wed 09:00.
        var status = Type4("2026-11-25T12:00:00+01:00",
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P4),
            Ack("2026-11-23T10:30:00+01:00"),
            new PriorityChanged(At("2026-11-25T09:00:00+01:00"), "desk", Priority.P1, "whole office down"),
        ]);

        status.Resolution.Priority.ShouldBe(Priority.P1);
        status.Resolution.Due.ShouldBeAt("2026-11-25T09:00:00+01:00");
        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.At.ShouldBe(At("2026-11-25T09:00:00+01:00"));
        breach.LateBy.ShouldBe(TimeSpan.FromHours(3));
        breach.Penalty.ShouldBe(Money.Euros(120m));
        status.ClaimDeadline.Value.ShouldBe(new NodaTime.LocalDate(2026, 12, 2));
        status.Resolution.Working.Text().ShouldContain("the due is the change itself, Wed 2026-11-25 09:00");
    }

    [Fact]
    public void Spec2_a_raise_while_worked_around_breaches_from_the_reopening_not_before()
    {
        // P4, worked around Tue 12:00 after 19 h 30 of business time; raised to P1 while worked around;
        // reopened Wed 10:00. P1's 18 h were used by Tue 10:30, but the clock next runs Wed 10:00.
        var status = Type4("2026-11-25T11:00:00+01:00",
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P4),
            Ack("2026-11-23T10:30:00+01:00"),
            new WorkaroundProvided(At("2026-11-24T12:00:00+01:00"), "desk"),
            new PriorityChanged(At("2026-11-24T14:00:00+01:00"), "desk", Priority.P1),
            new Reopened(At("2026-11-25T10:00:00+01:00"), "customer"),
        ]);

        status.Resolution.Due.ShouldBeAt("2026-11-25T10:00:00+01:00");
        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.LateBy.ShouldBe(TimeSpan.FromHours(1));
    }
}
