using NodaTime;
using static ClauseDesk.Sla.SlaTestKit;

namespace ClauseDesk.Sla;

/// <summary>A contract's penalties of a month (seed 001 art. 40.3–40.4, reading penalty-month, ADR 0014).</summary>
public class PenaltyStatementTests
{
    private static readonly FeeSchedule Fee1200 = FeeSchedule.Constant(Money.Euros(1200m));
    private static readonly SlaPolicy Type4 = SlaPolicy.Preset("managed-type4");
    private static readonly YearMonth November = new(2026, 11);

    private static (string, SlaStatus) Ticket(string number, string now, FeeSchedule? fees, params TicketEvent[] history) =>
        (number, SlaEngine.Evaluate(Type4, history, At(now), fees));

    // SPEC §9: reaction due Tue 24 Nov 10:00, acknowledged Wed 14:30 → €240, claim by 1 December; resolved in time.
    private static (string, SlaStatus) WorkedExample(string now) =>
        Ticket("CD-2026-000001", now, Fee1200, Submit("2026-11-23T10:00:00+01:00", Priority.P2), Ack("2026-11-25T14:30:00+01:00"), new Resolved(At("2026-11-26T09:00:00+01:00"), Desk));

    [Fact]
    public void A_breach_counts_in_the_month_of_its_due_and_the_total_is_the_engines_sum()
    {
        var now = "2026-12-02T12:00:00+01:00";
        // Submitted Mon 30 Nov 10:00: the reaction is due Tue 1 December 10:00, a December breach.
        var december = Ticket("CD-2026-000002", now, Fee1200, Submit("2026-11-30T10:00:00+01:00", Priority.P2), Ack("2026-12-02T11:00:00+01:00"));
        var tickets = new[] { WorkedExample(now), december };

        var inNovember = PenaltyStatement.Of(November, Type4.Calendar, Fee1200, tickets, new LocalDate(2026, 11, 26));
        var inDecember = PenaltyStatement.Of(new YearMonth(2026, 12), Type4.Calendar, Fee1200, tickets, new LocalDate(2026, 12, 2));

        inNovember.Breaches.Select(b => (b.Ticket, b.Breach.Kind)).ShouldBe([("CD-2026-000001", ClockKind.Reaction)]);
        inNovember.Total.Value.ShouldBe(Money.Euros(240m));
        inNovember.Cap.Value.ShouldBe(Money.Euros(1200m));
        inNovember.ClaimDeadline.Value.ShouldBe(new LocalDate(2026, 12, 1));
        inNovember.Total.Working.Text().ShouldContain("CD-2026-000001 reaction breach, due Tue 2026-11-24 10:00 (+01:00): 2 days exceeded → €240.00.");
        inDecember.Breaches.ShouldHaveSingleItem().Ticket.ShouldBe("CD-2026-000002");
        inDecember.Total.Value.ShouldBe(december.Item2.Penalty.Value);
        inDecember.Cap.Working.Text().ShouldContain("November 2026");
    }

    [Fact]
    public void A_breach_whose_deadline_passed_is_not_claimable_and_the_deadline_is_the_earliest_still_open()
    {
        var now = "2026-12-02T12:00:00+01:00";
        // Submitted Wed 25 Nov 10:00, acknowledged Fri 27 10:00: reaction due Thu 26 10:00 → claim by 3 December.
        var later = Ticket("CD-2026-000003", now, Fee1200, Submit("2026-11-25T10:00:00+01:00", Priority.P2), Ack("2026-11-27T10:00:00+01:00"), new Resolved(At("2026-11-30T09:00:00+01:00"), Desk));

        var statement = PenaltyStatement.Of(November, Type4.Calendar, Fee1200, [WorkedExample(now), later], new LocalDate(2026, 12, 2));

        statement.Breaches.Select(b => (b.Ticket, b.Lapsed)).ShouldBe([("CD-2026-000001", true), ("CD-2026-000003", false)]);
        statement.Total.Value.ShouldBe(Money.Euros(240m) + later.Item2.Penalty.Value);
        statement.Claimable.Value.ShouldBe(later.Item2.Penalty.Value);
        statement.Claimable.Working.Text().ShouldContain("CD-2026-000001: the claim deadline Tue 2026-12-01 has passed");
        statement.ClaimDeadline.Value.ShouldBe(new LocalDate(2026, 12, 3));
        statement.ClaimDeadline.Working.Clause.ShouldBe("seed 001 art. 40.4");
    }

    [Fact]
    public void On_the_deadline_itself_the_claim_is_still_open()
    {
        var statement = PenaltyStatement.Of(November, Type4.Calendar, Fee1200, [WorkedExample("2026-12-01T12:00:00+01:00")], new LocalDate(2026, 12, 1));

        statement.Breaches.ShouldHaveSingleItem().Lapsed.ShouldBeFalse();
        statement.Claimable.Value.ShouldBe(Money.Euros(240m));
    }

    [Fact]
    public void Without_a_fee_every_penalty_and_the_cap_are_zero_and_the_working_says_why()
    {
        var noFee = Ticket("CD-2026-000001", "2026-11-26T09:00:00+01:00", null, Submit("2026-11-23T10:00:00+01:00", Priority.P2), Ack("2026-11-25T14:30:00+01:00"));

        var statement = PenaltyStatement.Of(November, Type4.Calendar, null, [noFee], new LocalDate(2026, 11, 26));

        statement.Breaches.ShouldHaveSingleItem().Breach.Penalty.ShouldBe(Money.Zero);
        statement.Total.Value.ShouldBe(Money.Zero);
        statement.Cap.Value.ShouldBeNull();
        statement.Total.Working.Steps[0].ShouldBe("No service-level fee is known for this contract: every penalty is €0.00.");
    }

    [Fact]
    public void A_breach_beyond_ten_days_is_held_to_the_fee_of_the_month_before_and_named_in_the_caps_working()
    {
        // Never acknowledged: from Tue 24 Nov 10:00 to Fri 11 Dec 10:00 is 17 days → 170 %, held to 100 %.
        var forgotten = Ticket("CD-2026-000004", "2026-12-11T10:00:00+01:00", Fee1200, Submit("2026-11-23T10:00:00+01:00", Priority.P2));

        var statement = PenaltyStatement.Of(November, Type4.Calendar, Fee1200, [forgotten], new LocalDate(2026, 12, 11));

        var breach = statement.Breaches.ShouldHaveSingleItem();
        breach.Breach.Capped.ShouldBeTrue();
        breach.Breach.Cap.ShouldBe(Money.Euros(1200m));
        breach.Breach.Penalty.ShouldBe(Money.Euros(1200m));
        breach.Breach.Ongoing.ShouldBeTrue();
        statement.Total.Value.ShouldBe(Money.Euros(1200m));
        statement.Cap.Working.Steps[^1].ShouldBe("Held to the cap: CD-2026-000004 reaction.");
    }
}
