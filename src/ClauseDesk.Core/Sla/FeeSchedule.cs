using NodaTime;

namespace ClauseDesk.Sla;

/// <summary>
/// The monthly service-level fee invoiced and paid, by month (the base of the penalty of seed 001
/// art. 40.3). Each entry holds from its month until the next entry's month; before the first entry
/// there is no fee.
/// </summary>
public sealed class FeeSchedule
{
    private readonly (YearMonth From, Money Fee)[] _entries;

    /// <exception cref="ArgumentException">No entries, two entries for the same month, or a negative fee.</exception>
    public FeeSchedule(IEnumerable<(YearMonth From, Money Fee)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.OrderBy(e => e.From)];
        if (_entries.Length == 0)
        {
            throw new ArgumentException("a fee schedule needs at least one month", nameof(entries));
        }

        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Fee < Money.Zero)
            {
                throw new ArgumentException($"the fee from {_entries[i].From} is negative ({_entries[i].Fee})", nameof(entries));
            }

            if (i > 0 && _entries[i].From == _entries[i - 1].From)
            {
                throw new ArgumentException($"two fees from {_entries[i].From}", nameof(entries));
            }
        }
    }

    /// <summary>The same fee in every month.</summary>
    /// <exception cref="ArgumentException">A negative fee.</exception>
    public static FeeSchedule Constant(Money fee) => new([(new YearMonth(1900, 1), fee)]);

    /// <summary>The entries, in month order.</summary>
    public IReadOnlyList<(YearMonth From, Money Fee)> Entries => _entries;

    /// <summary>The fee of a month; null before the first entry.</summary>
    public Money? FeeFor(YearMonth month)
    {
        Money? fee = null;
        foreach (var (from, amount) in _entries)
        {
            if (from > month)
            {
                break;
            }

            fee = amount;
        }

        return fee;
    }
}
