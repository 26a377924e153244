using NodaTime;

namespace ClauseDesk.Contracts;

public class ContractTermTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Seed_004_contract_renews_tacitly_unless_notice_four_months_before()
    {
        var term = new ContractTerm(D(2026, 1, 1), 12, RenewalClause.NoticeFourMonths, IndexationDay.FirstOfJanuary);

        var dates = term.DatesOn(D(2026, 3, 10));

        dates.Term.ShouldBe(new ContractTermSpan(0, D(2026, 1, 1), D(2027, 1, 1)));
        dates.Term.LastDay.ShouldBe(D(2026, 12, 31));
        dates.Renews.ShouldBeTrue();
        dates.Ended.ShouldBeFalse();
        dates.End.Value.ShouldBe(D(2027, 1, 1));
        dates.RenewalDate!.Value.ShouldBe(D(2027, 1, 1));
        dates.NoticeDeadline!.Value.ShouldBe(D(2026, 9, 1));
        dates.NoticeReminder!.Value.ShouldBe(D(2026, 8, 2));
        dates.EndReminder.ShouldBeNull();
        dates.DataPurge.ShouldBeNull();
        dates.NextIndexation!.Value.ShouldBe(D(2027, 1, 1));
        dates.NoticeDeadline.Working.Clause.ShouldBe("seed 004 §16.1");
        dates.NoticeDeadline.Working.ToString().ShouldContain("2027-01-01 − 4 months = 2026-09-01");
    }

    [Fact]
    public void The_renewal_lasts_as_long_as_the_initial_term_under_seed_004()
    {
        var term = new ContractTerm(D(2026, 1, 1), 36, RenewalClause.NoticeFourMonths);

        term.TermOn(D(2029, 1, 1)).ShouldBe(new ContractTermSpan(1, D(2029, 1, 1), D(2032, 1, 1)));
        term.DatesOn(D(2029, 6, 1)).NoticeDeadline!.Value.ShouldBe(D(2031, 9, 1));
    }

    [Fact]
    public void Notice_on_the_deadline_stops_this_renewal_one_day_later_stops_the_next()
    {
        var term = new ContractTerm(D(2026, 1, 1), 12, RenewalClause.NoticeFourMonths);

        var inTime = term.WithRenewalStopped(D(2026, 9, 1)).DatesOn(D(2026, 9, 5));
        inTime.Renews.ShouldBeFalse();
        inTime.End.Value.ShouldBe(D(2027, 1, 1));
        inTime.RenewalDate.ShouldBeNull();
        inTime.NoticeDeadline.ShouldBeNull();
        inTime.EndReminder!.Value.ShouldBe(D(2026, 12, 2));
        inTime.DataPurge!.Value.ShouldBe(D(2027, 4, 1));

        var late = term.WithRenewalStopped(D(2026, 9, 2));
        late.FinalTerm().ShouldBe(new ContractTermSpan(1, D(2027, 1, 1), D(2028, 1, 1)));
        var dates = late.DatesOn(D(2026, 9, 5));
        dates.Renews.ShouldBeTrue();
        dates.RenewalDate!.Value.ShouldBe(D(2027, 1, 1));
        late.DatesOn(D(2027, 2, 1)).Renews.ShouldBeFalse();
        late.DatesOn(D(2027, 2, 1)).End.Value.ShouldBe(D(2028, 1, 1));
    }

    [Fact]
    public void Seed_002_switched_off_ends_at_the_term_with_a_reminder_30_days_before_and_purge_90_days_after()
    {
        var term = new ContractTerm(D(2026, 3, 15), 12, RenewalClause.CustomerSwitchOff).WithRenewalStopped(D(2026, 10, 1));

        var dates = term.DatesOn(D(2026, 10, 2));

        dates.End.Value.ShouldBe(D(2027, 3, 15));
        dates.Term.LastDay.ShouldBe(D(2027, 3, 14));
        dates.EndReminder!.Value.ShouldBe(D(2027, 2, 13));
        dates.EndReminder.Working.Clause.ShouldBe("seed 002 art. 5.2");
        dates.DataPurge!.Value.ShouldBe(D(2027, 6, 13));
        dates.DataPurge.Working.Clause.ShouldBe("seed 001 art. 29.2");
        // The anniversary is the day after the last day: no indexation left.
        dates.NextIndexation.ShouldBeNull();
    }

    [Fact]
    public void Seed_002_renewal_can_be_switched_off_up_to_the_last_day_and_back_on()
    {
        var term = new ContractTerm(D(2026, 3, 15), 12, RenewalClause.CustomerSwitchOff);
        term.DatesOn(D(2026, 4, 1)).NoticeDeadline!.Value.ShouldBe(D(2027, 3, 14));
        term.DatesOn(D(2026, 4, 1)).NoticeReminder.ShouldBeNull();

        var off = term.WithRenewalStopped(D(2027, 3, 14));
        off.FinalTerm()!.Index.ShouldBe(0);
        off.WithRenewalResumed().FinalTerm().ShouldBeNull();
        off.DatesOn(D(2027, 3, 15)).Ended.ShouldBeTrue();
        off.DatesOn(D(2027, 3, 14)).Ended.ShouldBeFalse();
    }

    [Theory]
    [InlineData(2026, 2, 28)]
    [InlineData(2026, 3, 31)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 5, 31)]
    public void Month_terms_from_31_January_are_counted_from_the_start_and_clamped(int y, int m, int d)
    {
        var monthly = new RenewalClause("monthly", "test", 0, null, 0, 0);
        var term = new ContractTerm(D(2026, 1, 31), 1, monthly);

        var renewals = Enumerable.Range(0, 4).Select(i => term.TermAt(i).End).ToList();

        renewals.ShouldContain(D(y, m, d));
        term.TermAt(0).LastDay.ShouldBe(D(2026, 2, 27));
        term.TermAt(1).Start.ShouldBe(D(2026, 2, 28));
    }

    [Fact]
    public void Anniversaries_of_29_February_fall_on_28_February_in_common_years()
    {
        var term = new ContractTerm(D(2024, 2, 29), 12, RenewalClause.NoticeFourMonths);

        term.DatesOn(D(2024, 3, 1)).NextIndexation!.Value.ShouldBe(D(2025, 2, 28));
        term.DatesOn(D(2025, 2, 28)).NextIndexation!.Value.ShouldBe(D(2025, 2, 28));
        term.DatesOn(D(2025, 3, 1)).NextIndexation!.Value.ShouldBe(D(2026, 2, 28));
        term.DatesOn(D(2027, 3, 1)).NextIndexation!.Value.ShouldBe(D(2028, 2, 29));
        term.TermOn(D(2025, 2, 28)).Index.ShouldBe(1);
    }

    [Fact]
    public void Indexation_on_1_January_takes_the_first_1_January_after_the_start()
    {
        var term = new ContractTerm(D(2026, 12, 15), 12, RenewalClause.NoticeFourMonths, IndexationDay.FirstOfJanuary);

        term.DatesOn(D(2026, 12, 1)).NextIndexation!.Value.ShouldBe(D(2027, 1, 1));
        term.DatesOn(D(2027, 1, 1)).NextIndexation!.Value.ShouldBe(D(2027, 1, 1));
        term.DatesOn(D(2027, 1, 2)).NextIndexation!.Value.ShouldBe(D(2028, 1, 1));
    }

    [Fact]
    public void The_notice_reminder_is_due_from_30_days_before_the_deadline_through_the_deadline()
    {
        var term = new ContractTerm(D(2026, 1, 1), 12, RenewalClause.NoticeFourMonths);

        term.DueOn(D(2026, 8, 1)).ShouldBeEmpty();
        var first = term.DueOn(D(2026, 8, 2)).ShouldHaveSingleItem();
        first.Key.ShouldBe("notice-deadline/2026-09-01");
        first.Kind.ShouldBe(ContractReminderKind.NoticeDeadline);
        term.DueOn(D(2026, 9, 1)).ShouldHaveSingleItem().Key.ShouldBe(first.Key);
        term.DueOn(D(2026, 9, 2)).ShouldBeEmpty();
    }

    [Fact]
    public void After_notice_the_end_indexation_and_purge_reminders_fall_due()
    {
        var term = new ContractTerm(D(2026, 1, 1), 12, RenewalClause.NoticeFourMonths).WithRenewalStopped(D(2026, 8, 15));

        term.DueOn(D(2026, 8, 20)).ShouldBeEmpty();
        term.DueOn(D(2026, 12, 2)).ShouldHaveSingleItem().Key.ShouldBe("end-without-renewal/2027-01-01");
        term.DueOn(D(2027, 1, 1)).ShouldBeEmpty();
        term.DueOn(D(2027, 3, 31)).ShouldBeEmpty();
        term.DueOn(D(2027, 4, 1)).ShouldHaveSingleItem().Key.ShouldBe("data-purge/2027-04-01");
        term.DueOn(D(2030, 1, 1)).ShouldHaveSingleItem().Key.ShouldBe("data-purge/2027-04-01");

        var renewing = new ContractTerm(D(2026, 1, 1), 12, RenewalClause.NoticeFourMonths);
        renewing.DueOn(D(2027, 1, 1)).ShouldHaveSingleItem().Key.ShouldBe("indexation/2027-01-01");
        renewing.DueOn(D(2027, 12, 31)).ShouldHaveSingleItem().Key.ShouldBe("indexation/2027-01-01");
    }

    [Fact]
    public void Renewal_presets_are_found_by_name()
    {
        RenewalClause.Find("notice-4-months").ShouldBeSameAs(RenewalClause.NoticeFourMonths);
        RenewalClause.Find("SWITCH-OFF").ShouldBeSameAs(RenewalClause.CustomerSwitchOff);
        RenewalClause.Find("none").ShouldBeNull();
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_name()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ContractTerm(D(2026, 1, 1), 0, RenewalClause.NoticeFourMonths)).ParamName.ShouldBe("initialMonths");
        Should.Throw<ArgumentOutOfRangeException>(() => new ContractTerm(D(1800, 1, 1), 12, RenewalClause.NoticeFourMonths)).ParamName.ShouldBe("start");
        Should.Throw<ArgumentOutOfRangeException>(() => new RenewalClause("x", "y", 25, null, 0, 0)).ParamName.ShouldBe("noticeMonths");
        Should.Throw<ArgumentOutOfRangeException>(() => new RenewalClause("x", "y", 1, 0, 0, 0)).ParamName.ShouldBe("renewalMonths");
        Should.Throw<ArgumentException>(() => new RenewalClause(" ", "y", 1, null, 0, 0)).ParamName.ShouldBe("name");
    }
}
