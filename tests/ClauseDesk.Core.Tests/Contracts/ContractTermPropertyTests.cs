using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>Properties of terms and reminders over random contracts (seeded loops).</summary>
public class ContractTermPropertyTests
{
    private static readonly LocalDate First = new(2020, 1, 1);

    private static ContractTerm RandomTerm(Random random)
    {
        var start = First.PlusDays(random.Next(3000));
        var clause = random.Next(3) switch
        {
            0 => RenewalClause.NoticeFourMonths,
            1 => RenewalClause.CustomerSwitchOff,
            _ => new RenewalClause("random", "test", random.Next(0, 7), random.Next(2) == 0 ? null : random.Next(1, 25), random.Next(0, 60), random.Next(0, 60)),
        };
        return new ContractTerm(start, random.Next(1, 37), clause, random.Next(2) == 0 ? IndexationDay.Anniversary : IndexationDay.FirstOfJanuary);
    }

    [Fact]
    public void Terms_follow_each_other_without_gap_and_every_day_falls_in_its_term()
    {
        var random = new Random(1001);
        for (var i = 0; i < 500; i++)
        {
            var term = RandomTerm(random);
            for (var k = 0; k < 10; k++)
            {
                term.TermAt(k).End.ShouldBe(term.TermAt(k + 1).Start, $"{term.Start} term {k}");
                term.TermAt(k).Start.ShouldBeLessThan(term.TermAt(k).End);
            }

            var day = term.Start.PlusDays(random.Next(5000));
            var found = term.TermOn(day);
            (found.Start <= day && day < found.End).ShouldBeTrue($"{term.Start} {day} {found}");
            found.ShouldBe(term.TermAt(found.Index));
        }
    }

    [Fact]
    public void A_daily_job_writing_by_key_sends_each_reminder_once_and_stopped_contracts_get_one_end_reminder()
    {
        var random = new Random(1002);
        for (var i = 0; i < 150; i++)
        {
            var term = RandomTerm(random);
            var stopped = random.Next(2) == 0;
            if (stopped)
            {
                term = term.WithRenewalStopped(term.Start.PlusDays(random.Next(1500)));
            }

            var outbox = new Dictionary<string, (ContractReminder Reminder, LocalDate FirstSeen, LocalDate LastSeen)>();
            for (var day = term.Start; day < term.Start.PlusYears(6); day = day.PlusDays(1))
            {
                foreach (var reminder in term.DueOn(day))
                {
                    reminder.DueOn.ShouldBeLessThanOrEqualTo(day);
                    outbox[reminder.Key] = outbox.TryGetValue(reminder.Key, out var seen)
                        ? (seen.Reminder, seen.FirstSeen, day)
                        : (reminder, day, day);
                }
            }

            var why = $"{term.Start} {term.Renewal.Name} stopped {term.RenewalStoppedOn}";
            foreach (var (reminder, firstSeen, _) in outbox.Values)
            {
                // Written on its first day unless it fell due before the job's first day.
                (firstSeen == reminder.DueOn || reminder.DueOn < term.Start).ShouldBeTrue(why + " " + reminder.Key);
                if (reminder.Kind == ContractReminderKind.NoticeDeadline)
                {
                    (term.FinalTerm() is not { } last || reminder.About < last.End).ShouldBeTrue(why);
                }
            }

            var ends = outbox.Values.Count(v => v.Reminder.Kind == ContractReminderKind.EndWithoutRenewal);
            var final = term.FinalTerm();
            if (final is not null && final.End < term.Start.PlusYears(6))
            {
                ends.ShouldBe(1, why);
                outbox.Values.Count(v => v.Reminder.Kind == ContractReminderKind.DataPurge).ShouldBe(final.End.PlusDays(90) < term.Start.PlusYears(6) ? 1 : 0, why);
                outbox.Values.Where(v => v.Reminder.Kind == ContractReminderKind.Indexation).ShouldAllBe(v => v.Reminder.About < final.End);
            }
            else if (!stopped)
            {
                ends.ShouldBe(0, why);
            }
        }
    }
}
