using NodaTime;
using static ClauseDesk.Sla.SlaTestKit;

namespace ClauseDesk.Sla;

/// <summary>The clock rules of SPEC §2, one test per rule, each citing its clause.</summary>
public class SlaEngineTests
{
    private static readonly FeeSchedule Fee1200 = FeeSchedule.Constant(Money.Euros(1200m));

    [Fact]
    public void Spec9_penalty_worked_example_seed001_art40_3()
    {
        var history = new TicketEvent[]
        {
            Submit("2026-11-23T10:00:00+01:00", Priority.P2),
            Ack("2026-11-25T14:30:00+01:00"),
        };

        var status = SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), history, At("2026-11-25T14:30:00+01:00"), Fee1200);

        status.Reaction.Target.ShouldBe(SlaTarget.BusinessDays(1));
        status.Reaction.TargetTime.ShouldBe(TimeSpan.FromHours(18));
        status.Reaction.Due.ShouldBeAt("2026-11-24T10:00:00+01:00");
        status.Reaction.Breached.ShouldBeTrue();
        status.Reaction.StoppedAt.ShouldBeAt("2026-11-25T14:30:00+01:00");
        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.Kind.ShouldBe(ClockKind.Reaction);
        breach.LateBy.ShouldBe(new TimeSpan(28, 30, 0));
        breach.DaysExceeded.ShouldBe(2);
        breach.Penalty.ShouldBe(Money.Euros(240m));
        breach.Penalty.ToString().ShouldBe("€240.00");
        status.Penalty.Value.ShouldBe(Money.Euros(240m));
        status.ClaimDeadline.Value.ShouldBe(new LocalDate(2026, 12, 1));
        status.EscalationTier.Value.ShouldBe(2);

        status.Reaction.Working.Text().ShouldContain("1 business day (18 h)");
        breach.Working.Clause.ShouldBe("seed 001 art. 40.3");
        breach.Working.Text().ShouldContain("2 started 24-hour periods");
        breach.Working.Text().ShouldContain("10 % of €1,200.00 per day × 2 = €240.00");
        status.ClaimDeadline.Working.Text().ShouldContain("Tue 2026-11-24 + 7 days = Tue 2026-12-01");
    }

    [Fact]
    public void Seed001_art39_1_2_type1_P1_reacts_within_4_hours()
    {
        var status = Evaluate("managed-type1", "2026-11-23T11:00:00+01:00", Submit("2026-11-23T10:00:00+01:00", Priority.P1));

        status.Reaction.Due.ShouldBeAt("2026-11-23T14:00:00+01:00");
        status.Reaction.Used.ShouldBe(TimeSpan.FromHours(1));
        status.Reaction.Left.ShouldBe(TimeSpan.FromHours(3));
        status.Reaction.IsRunning.ShouldBeTrue();
        status.Reaction.Breached.ShouldBeFalse();
        status.Resolution.Target.ShouldBeNull();
    }

    [Fact]
    public void Seed004_section8_priority1_from_Tuesday_1530_is_due_Wednesday_1100()
    {
        var status = Evaluate("software-support", "2026-11-25T09:30:00+01:00",
            Submit("2026-11-24T15:30:00+01:00", Priority.P1),
            Ack("2026-11-25T09:30:00+01:00"));

        status.Reaction.Due.ShouldBeAt("2026-11-25T11:00:00+01:00");
        // The seed's own example: registered Tuesday 15.30, first reaction Wednesday 9.30 → 2 h 30.
        status.Reaction.Used.ShouldBe(new TimeSpan(2, 30, 0));
        status.Reaction.MetAt.ShouldBeAt("2026-11-25T09:30:00+01:00");
        status.Breaches.ShouldBeEmpty();
        status.EscalationTier.Value.ShouldBe(1);
        status.ClaimDeadline.Value.ShouldBeNull();
    }

    [Fact]
    public void Seed001_art33_9_reaction_stops_at_the_acknowledgement_and_a_stop_at_the_due_is_met()
    {
        // Type 4, P1: 2 h from Mon 07:00 → due 09:00; acknowledged exactly then.
        var status = Evaluate("managed-type4", "2026-11-23T12:00:00+01:00",
            Submit("2026-11-23T07:00:00+01:00", Priority.P1),
            Ack("2026-11-23T09:00:00+01:00"));

        status.Reaction.Due.ShouldBeAt("2026-11-23T09:00:00+01:00");
        status.Reaction.IsRunning.ShouldBeFalse();
        status.Reaction.MetAt.ShouldBeAt("2026-11-23T09:00:00+01:00");
        status.Reaction.Breached.ShouldBeFalse();
        status.Reaction.Used.ShouldBe(TimeSpan.FromHours(2));
        status.Reaction.Left.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Spec2_submitted_on_Saturday_starts_the_clock_at_the_Monday_opening()
    {
        var status = Evaluate("managed-type1", "2026-11-22T20:00:00+01:00", Submit("2026-11-21T12:00:00+01:00", Priority.P1));

        status.Reaction.StartedAt.ShouldBeAt("2026-11-23T08:45:00+01:00");
        status.Reaction.Due.ShouldBeAt("2026-11-23T12:45:00+01:00");
        status.Reaction.Used.ShouldBe(TimeSpan.Zero);
        status.Reaction.Working.Text().ShouldContain("outside the window: it counts from the next opening, Mon 2026-11-23 08:45");
    }

    [Fact]
    public void Seed001_art33_10_resolution_runs_from_the_acknowledgement_not_the_submission()
    {
        var status = Evaluate("managed-type4", "2026-11-23T12:00:00+01:00",
            Submit("2026-11-23T07:00:00+01:00", Priority.P1),
            Ack("2026-11-23T09:00:00+01:00"));

        // 1 business day = 18 h: Mon 09:00–24:00 is 15 h, Tue 06:00 + 3 h.
        status.Resolution.StartedAt.ShouldBeAt("2026-11-23T09:00:00+01:00");
        status.Resolution.Due.ShouldBeAt("2026-11-24T09:00:00+01:00");
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(3));
        status.Resolution.Left.ShouldBe(TimeSpan.FromHours(15));
    }

    [Fact]
    public void Seed001_art33_10_without_acknowledgement_the_resolution_clock_has_not_started()
    {
        var status = Evaluate("managed-type4", "2026-11-23T12:00:00+01:00", Submit("2026-11-23T07:00:00+01:00", Priority.P1));

        status.Resolution.StartedAt.ShouldBeNull();
        status.Resolution.Due.ShouldBeNull();
        status.Resolution.IsRunning.ShouldBeFalse();
        status.Resolution.Used.ShouldBe(TimeSpan.Zero);
        status.Resolution.Working.Text().ShouldContain("not started");
    }

    [Fact]
    public void Seed001_art38_3_a_pause_suspends_both_clocks_and_moves_the_due()
    {
        var status = Evaluate("managed-type1", "2026-11-23T13:00:00+01:00",
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            new Paused(At("2026-11-23T11:00:00+01:00"), "desk", PauseReason.ForceMajeure),
            new Resumed(At("2026-11-23T12:30:00+01:00"), "desk"));

        status.Reaction.Due.ShouldBeAt("2026-11-23T15:30:00+01:00");
        status.Reaction.Used.ShouldBe(new TimeSpan(1, 30, 0));
        status.Reaction.IsPaused.ShouldBeFalse();
        status.Reaction.Working.Text().ShouldContain("force majeure (seed 001 art. 15, 38.3)");
        status.Reaction.Working.Text().ShouldContain("1 h 30 min of business time not counted");
    }

    [Fact]
    public void Spec2_every_suspension_in_the_working_names_its_reason_and_author()
    {
        var status = Evaluate("managed-type4", "2026-11-24T12:00:00+01:00",
            Submit("2026-11-23T06:00:00+01:00", Priority.P1),
            new Paused(At("2026-11-23T06:30:00+01:00"), "an.peeters", PauseReason.AnnouncedMaintenance),
            new Resumed(At("2026-11-23T07:00:00+01:00"), "bart.claes"),
            Ack("2026-11-23T07:30:00+01:00"),
            new WaitingOnSupplier(At("2026-11-23T10:00:00+01:00"), "carla.dubois", "vendor case 4711"),
            new SupplierDelivered(At("2026-11-23T11:00:00+01:00"), "dirk.maes"),
            new Paused(At("2026-11-24T07:00:00+01:00"), "eva.janssens", PauseReason.AwaitingCustomer));

        var reaction = status.Reaction.Working.Text();
        reaction.ShouldContain("Paused Mon 2026-11-23 06:30 (+01:00) by an.peeters for announced maintenance");
        reaction.ShouldContain("resumed Mon 2026-11-23 07:00 (+01:00) by bart.claes");
        var resolution = status.Resolution.Working.Text();
        resolution.ShouldContain("Waiting on supplier from Mon 2026-11-23 10:00 (+01:00) (by carla.dubois)");
        resolution.ShouldContain("delivered Mon 2026-11-23 11:00 (+01:00) (by dirk.maes)");
        resolution.ShouldContain("Paused Tue 2026-11-24 07:00 (+01:00) by eva.janssens for awaiting the customer");
    }

    [Fact]
    public void Seed001_art38_3_the_pause_also_suspends_the_resolution_clock()
    {
        var status = Evaluate("managed-type4", "2026-11-23T14:00:00+01:00",
            Submit("2026-11-23T06:00:00+01:00", Priority.P1),
            Ack("2026-11-23T06:00:00+01:00"),
            new Paused(At("2026-11-23T08:00:00+01:00"), "desk", PauseReason.CustomerSystems),
            new Resumed(At("2026-11-23T10:00:00+01:00"), "desk"));

        status.Resolution.Due.ShouldBeAt("2026-11-24T08:00:00+01:00");
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(6));
    }

    [Fact]
    public void Seed004_section6_a_pause_with_no_end_leaves_no_due()
    {
        var status = Evaluate("software-support", "2026-11-24T12:00:00+01:00",
            Submit("2026-11-24T09:00:00+01:00", Priority.P2),
            new Paused(At("2026-11-24T10:00:00+01:00"), "desk", PauseReason.AwaitingCustomer, "asked for a screenshot"));

        status.Reaction.Due.ShouldBeNull();
        status.Reaction.IsPaused.ShouldBeTrue();
        status.Reaction.PauseReason.ShouldBe(PauseReason.AwaitingCustomer);
        status.Reaction.Used.ShouldBe(TimeSpan.FromHours(1));
        status.Reaction.Breached.ShouldBeFalse();
    }

    // Type 4, P1, acknowledged Mon 06:00: 18 h of resolution time; 4 h used when the supplier is called.
    private static TicketEvent[] SupplierHistory(string delivered) =>
    [
        Submit("2026-11-23T06:00:00+01:00", Priority.P1),
        Ack("2026-11-23T06:00:00+01:00"),
        new WaitingOnSupplier(At("2026-11-23T10:00:00+01:00"), "desk", "vendor case 4711"),
        new SupplierDelivered(At(delivered), "desk"),
    ];

    [Theory]
    [InlineData(SupplierResumeReading.Literal)]
    [InlineData(SupplierResumeReading.NextWorkingDay)]
    public void Seed001_art39_1_3_supplier_delivering_on_a_working_day_resumes_the_next_morning_in_both_readings(SupplierResumeReading reading)
    {
        var policy = SlaPolicy.Preset("managed-type4").WithSupplierResume(reading);
        var status = SlaEngine.Evaluate(policy, SupplierHistory("2026-11-25T15:00:00+01:00"), At("2026-11-25T16:00:00+01:00"));

        // Suspended through Wednesday; resumes Thu 06:00 with 14 h left → Thu 20:00.
        status.Resolution.Due.ShouldBeAt("2026-11-26T20:00:00+01:00");
        status.Resolution.IsPaused.ShouldBeTrue();
        status.Resolution.WaitingOnSupplier.ShouldBeTrue();
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(4));
    }

    [Fact]
    public void Seed001_art39_1_3_literal_a_Saturday_delivery_suspends_through_Monday_and_resumes_Tuesday()
    {
        var status = SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), SupplierHistory("2026-11-28T11:00:00+01:00"), At("2026-11-30T12:00:00+01:00"));

        status.Resolution.Due.ShouldBeAt("2026-12-01T20:00:00+01:00");
        status.Resolution.IsPaused.ShouldBeTrue();
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(4));
        status.Resolution.Working.Reading.ShouldBe("supplier-resume: literal (art. 39.1.3 as written)");
        status.Resolution.Working.Text().ShouldContain("Sat 2026-11-28 is not a working day");
        status.Resolution.Working.Text().ShouldContain("resumes at Tue 2026-12-01 06:00");
    }

    [Fact]
    public void Spec2_next_working_day_reading_a_Saturday_delivery_resumes_Monday()
    {
        var policy = SlaPolicy.Preset("managed-type4").WithSupplierResume(SupplierResumeReading.NextWorkingDay);
        var status = SlaEngine.Evaluate(policy, SupplierHistory("2026-11-28T11:00:00+01:00"), At("2026-11-30T12:00:00+01:00"));

        status.Resolution.Due.ShouldBeAt("2026-11-30T20:00:00+01:00");
        status.Resolution.IsPaused.ShouldBeFalse();
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(10));
        status.Resolution.Working.Reading.ShouldBe("supplier-resume: next-working-day (SPEC §2 summary)");
        status.Resolution.Working.Text().ShouldContain("Mon 2026-11-30 06:00");
    }

    [Fact]
    public void Seed001_art39_1_3_waiting_on_a_supplier_suspends_only_the_resolution_clock()
    {
        var status = Evaluate("managed-type4", "2026-11-23T12:00:00+01:00",
            Submit("2026-11-23T07:00:00+01:00", Priority.P1),
            new WaitingOnSupplier(At("2026-11-23T07:30:00+01:00"), "desk"));

        status.Reaction.Due.ShouldBeAt("2026-11-23T09:00:00+01:00");
        status.Reaction.IsPaused.ShouldBeFalse();
        status.Reaction.Breached.ShouldBeTrue();
    }

    [Fact]
    public void Seed001_art39_1_3_a_supplier_wait_with_no_delivery_leaves_no_resolution_due()
    {
        var status = Evaluate("managed-type4", "2026-11-24T12:00:00+01:00",
            Submit("2026-11-23T06:00:00+01:00", Priority.P1),
            Ack("2026-11-23T06:00:00+01:00"),
            new WaitingOnSupplier(At("2026-11-23T10:00:00+01:00"), "desk"));

        status.Resolution.Due.ShouldBeNull();
        status.Resolution.WaitingOnSupplier.ShouldBeTrue();
        status.Resolution.PauseReason.ShouldBeNull();
        status.Resolution.Breached.ShouldBeFalse();
    }

    [Fact]
    public void Seed001_art39_1_3_an_agreed_on_site_intervention_moves_the_resolution_due_by_one_business_day()
    {
        TicketEvent[] history =
        [
            Submit("2026-11-23T09:00:00+01:00", Priority.P2),
            Ack("2026-11-23T10:00:00+01:00"),
        ];
        var before = SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), history, At("2026-11-23T12:00:00+01:00"));
        var after = SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), [.. history, new OnSiteAgreed(At("2026-11-23T12:00:00+01:00"), "desk")], At("2026-11-23T12:00:00+01:00"));

        // 2 business days = 36 h: Mon 14 h, Tue 18 h, Wed 4 h → Wed 10:00; one more day → Thu 10:00.
        before.Resolution.Due.ShouldBeAt("2026-11-25T10:00:00+01:00");
        after.Resolution.Due.ShouldBeAt("2026-11-26T10:00:00+01:00");
        after.Resolution.TargetTime.ShouldBe(TimeSpan.FromHours(54));
        after.Resolution.Working.Text().ShouldContain("On-site intervention agreed");
        after.Reaction.Due.ShouldBe(before.Reaction.Due);
    }

    [Fact]
    public void Seed001_art39_3_1_a_workaround_stops_the_resolution_clock_and_the_ticket_continues_at_P3()
    {
        var status = Evaluate("managed-type4", "2026-11-26T12:00:00+01:00",
            Submit("2026-11-23T09:00:00+01:00", Priority.P1),
            Ack("2026-11-23T10:00:00+01:00"),
            new WorkaroundProvided(At("2026-11-23T15:00:00+01:00"), "desk"));

        status.Priority.Value.ShouldBe(Priority.P3);
        status.Priority.Working.Text().ShouldContain("continues at P3");
        status.TargetPriority.ShouldBe(Priority.P1);
        status.Resolution.IsRunning.ShouldBeFalse();
        status.Resolution.MetAt.ShouldBeAt("2026-11-23T15:00:00+01:00");
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(5));
        // The downgrade does not recompute the target: still P1's 1 business day.
        status.Resolution.Priority.ShouldBe(Priority.P1);
        status.Resolution.TargetTime.ShouldBe(TimeSpan.FromHours(18));
        status.Resolution.Due.ShouldBeAt("2026-11-24T10:00:00+01:00");
        status.Breaches.ShouldBeEmpty();
    }

    [Fact]
    public void Reopening_runs_the_resolution_clock_again_without_the_resolved_time()
    {
        var status = Evaluate("managed-type4", "2026-11-24T12:00:00+01:00",
            Submit("2026-11-23T06:00:00+01:00", Priority.P1),
            Ack("2026-11-23T06:00:00+01:00"),
            new Resolved(At("2026-11-23T10:00:00+01:00"), "desk"),
            new Reopened(At("2026-11-24T08:00:00+01:00"), "customer"));

        // 4 h before the fix, 4 h since the reopening; 14 h left from Tue 08:00 → Tue 22:00.
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(8));
        status.Resolution.Due.ShouldBeAt("2026-11-24T22:00:00+01:00");
        status.Resolution.IsRunning.ShouldBeTrue();
        status.Resolution.StoppedAt.ShouldBeNull();
        status.Priority.Value.ShouldBe(Priority.P1);
    }

    [Fact]
    public void Reopening_after_a_workaround_restores_the_priority_and_keeps_the_used_time()
    {
        var status = Evaluate("managed-type4", "2026-11-24T07:00:00+01:00",
            Submit("2026-11-23T06:00:00+01:00", Priority.P2),
            Ack("2026-11-23T06:00:00+01:00"),
            new WorkaroundProvided(At("2026-11-23T16:00:00+01:00"), "desk"),
            new Reopened(At("2026-11-24T06:00:00+01:00"), "customer"));

        status.Priority.Value.ShouldBe(Priority.P2);
        status.Resolution.Used.ShouldBe(TimeSpan.FromHours(11));
        status.Resolution.Left.ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void Spec2_a_priority_change_recomputes_the_target_from_the_original_submission()
    {
        TicketEvent[] history =
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P3),
            new PriorityChanged(At("2026-11-23T11:00:00+01:00"), "desk", Priority.P1, "whole office down"),
        ];
        var status = SlaEngine.Evaluate(SlaPolicy.Preset("managed-type1"), history, At("2026-11-23T11:00:00+01:00"));
        var unchanged = SlaEngine.Evaluate(SlaPolicy.Preset("managed-type1"), history[..1], At("2026-11-23T11:00:00+01:00"));

        // P3 is 2 business days of 8 h 15 min: Mon 7 h, Tue 8 h 15, Wed 1 h 15 → Wed 10:00.
        unchanged.Reaction.Due.ShouldBeAt("2026-11-25T10:00:00+01:00");
        status.Reaction.Priority.ShouldBe(Priority.P1);
        status.Reaction.Due.ShouldBeAt("2026-11-23T14:00:00+01:00");
        status.Reaction.Working.Text().ShouldContain("Priority changed to P1 (Critical)");
        status.Reaction.Working.Text().ShouldContain("recomputed from the original submission");
        status.Priority.Working.Text().ShouldContain("Changed to P1 (Critical)");
    }

    [Fact]
    public void A_priority_change_after_the_reaction_stopped_does_not_touch_the_reaction_target()
    {
        var status = Evaluate("managed-type4", "2026-11-23T12:00:00+01:00",
            Submit("2026-11-23T07:00:00+01:00", Priority.P4),
            Ack("2026-11-23T11:00:00+01:00"),
            new PriorityChanged(At("2026-11-23T11:30:00+01:00"), "desk", Priority.P1));

        status.Reaction.Priority.ShouldBe(Priority.P4);
        status.Reaction.Breached.ShouldBeFalse();
        status.Resolution.Priority.ShouldBe(Priority.P1);
        status.Resolution.Due.ShouldBeAt("2026-11-24T11:00:00+01:00");
    }

    [Fact]
    public void Seed001_art39_4_1_two_breaches_escalate_to_tier_3()
    {
        var status = SlaEngine.Evaluate(
            SlaPolicy.Preset("managed-type4"),
            [Submit("2026-11-23T06:00:00+01:00", Priority.P1), Ack("2026-11-23T09:00:00+01:00")],
            At("2026-11-24T12:00:00+01:00"),
            Fee1200);

        status.Breaches.Count.ShouldBe(2);
        status.Breaches[0].Kind.ShouldBe(ClockKind.Reaction);
        status.Breaches[0].At.ShouldBe(At("2026-11-23T08:00:00+01:00"));
        status.Breaches[1].Kind.ShouldBe(ClockKind.Resolution);
        status.Breaches[1].Due.ShouldBe(At("2026-11-24T09:00:00+01:00"));
        status.Breaches[1].Ongoing.ShouldBeTrue();
        status.Resolution.Left.ShouldBe(TimeSpan.FromHours(-3));
        status.EscalationTier.Value.ShouldBe(3);
        status.EscalationTier.Working.Clause.ShouldBe("seed 001 art. 39.4.1");
        // Each is within its first 24 hours: 10 % each.
        status.Penalty.Value.ShouldBe(Money.Euros(240m));
        // Art. 40.4: seven days from the first breach.
        status.ClaimDeadline.Value.ShouldBe(new LocalDate(2026, 11, 30));
    }

    [Fact]
    public void Seed001_art40_3_the_penalty_is_capped_at_the_fee_of_the_month_before_the_breach()
    {
        var fees = new FeeSchedule([(new YearMonth(2026, 10), Money.Euros(1000m)), (new YearMonth(2026, 11), Money.Euros(1200m))]);
        var status = SlaEngine.Evaluate(
            SlaPolicy.Preset("managed-type4"),
            [Submit("2026-11-23T10:00:00+01:00", Priority.P2), Ack("2026-12-05T10:00:00+01:00")],
            At("2026-12-05T10:00:00+01:00"),
            fees);

        var breach = status.Breaches.ShouldHaveSingleItem();
        breach.DaysExceeded.ShouldBe(11);
        // 11 × 10 % × €1,200 (November) = €1,320, capped at 100 % of October's €1,000.
        breach.Penalty.ShouldBe(Money.Euros(1000m));
        breach.Working.Text().ShouldContain("Capped at 100 % of the fee of October 2026");
    }

    [Fact]
    public void Seed001_art40_3_literally_nothing_is_owed_when_no_fee_was_invoiced_the_month_before()
    {
        // The contract's first month: the cap is 100 % of a fee that does not exist.
        var fees = new FeeSchedule([(new YearMonth(2026, 11), Money.Euros(1200m))]);
        var status = SlaEngine.Evaluate(
            SlaPolicy.Preset("managed-type4"),
            [Submit("2026-11-23T10:00:00+01:00", Priority.P2), Ack("2026-11-25T14:30:00+01:00")],
            At("2026-11-25T14:30:00+01:00"),
            fees);

        status.Penalty.Value.ShouldBe(Money.Zero);
        status.Breaches[0].Working.Text().ShouldContain("monthly fee October 2026 (cap): none");
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00+01:00", 1)]
    [InlineData("2026-11-25T10:01:00+01:00", 2)]
    [InlineData("2026-11-24T10:01:00+01:00", 1)]
    public void Seed001_art40_3_a_started_24_hours_counts_as_a_day(string acknowledged, int days)
    {
        var status = SlaEngine.Evaluate(
            SlaPolicy.Preset("managed-type4"),
            [Submit("2026-11-23T10:00:00+01:00", Priority.P2), Ack(acknowledged)],
            At(acknowledged),
            Fee1200);

        status.Breaches.ShouldHaveSingleItem().DaysExceeded.ShouldBe(days);
        status.Penalty.Value.ShouldBe(Money.Euros(120m * days));
    }

    [Fact]
    public void Seed001_art40_3_without_a_fee_schedule_the_penalty_is_zero_and_says_why()
    {
        var status = Evaluate("managed-type4", "2026-11-25T14:30:00+01:00",
            Submit("2026-11-23T10:00:00+01:00", Priority.P2),
            Ack("2026-11-25T14:30:00+01:00"));

        status.Breaches.ShouldHaveSingleItem().Penalty.ShouldBe(Money.Zero);
        status.Penalty.Value.ShouldBe(Money.Zero);
        status.Penalty.Working.Text().ShouldContain("No service-level fee");
        status.Breaches[0].Working.Text().ShouldContain("No service-level fee");
    }

    [Fact]
    public void Seed001_art40_3_each_penalty_is_rounded_to_the_cent_half_away_from_zero()
    {
        var status = SlaEngine.Evaluate(
            SlaPolicy.Preset("managed-type4"),
            [Submit("2026-11-23T06:00:00+01:00", Priority.P1), Ack("2026-11-23T09:00:00+01:00")],
            At("2026-11-24T12:00:00+01:00"),
            FeeSchedule.Constant(Money.Euros(0.25m)));

        // 10 % of €0.25 = €0.025 → €0.03, twice.
        status.Breaches.ShouldAllBe(b => b.Penalty == Money.Euros(0.03m));
        status.Penalty.Value.ShouldBe(Money.Euros(0.06m));
    }

    [Theory]
    [InlineData("public-desk")]
    [InlineData("24x7")]
    public void Desks_without_targets_count_time_but_have_no_due(string preset)
    {
        var status = Evaluate(preset, "2026-11-24T12:00:00+01:00",
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-24T10:00:00+01:00"));

        status.Reaction.Due.ShouldBeNull();
        status.Resolution.Due.ShouldBeNull();
        status.Reaction.Used.ShouldBeGreaterThan(TimeSpan.Zero);
        status.Breaches.ShouldBeEmpty();
    }

    [Fact]
    public void Results_are_shown_in_the_calendar_zone_whatever_offset_the_events_carry()
    {
        var status = Evaluate("managed-type1", "2026-11-23T10:00:00Z", new Submitted(At("2026-11-23T09:00:00Z"), "customer", Priority.P1));

        status.Reaction.Due.ShouldBeAt("2026-11-23T14:00:00+01:00");
    }
}
