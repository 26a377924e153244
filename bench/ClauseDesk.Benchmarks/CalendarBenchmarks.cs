using BenchmarkDotNet.Attributes;
using ClauseDesk.Calendars;

namespace ClauseDesk.Benchmarks;

/// <summary>
/// The cost of the two operations every open ticket's deadlines are recomputed with, for spans of
/// an hour to a year, on a preset and on a calendar with split windows. Years are built in setup:
/// what is measured is the steady state of a running desk.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private BusinessCalendar _calendar = null!;
    private DateTimeOffset _start;
    private DateTimeOffset _end;
    private TimeSpan _duration;
    private DateTimeOffset[] _starts = [];
    private const int Varied = 1024;

    [Params("managed-type1", "split-window")]
    public string Calendar { get; set; } = "";

    [Params("1h", "1d", "1mo", "1y")]
    public string Span { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _calendar = Calendar == "split-window"
            ? BusinessCalendar.FromJson("""
                { "timeZone": "Europe/Brussels", "holidays": "BE-VLG",
                  "windows": { "monday": ["08:00-12:00", "13:00-17:30"], "tuesday": ["08:00-12:00", "13:00-17:30"],
                               "wednesday": ["08:00-12:00"], "thursday": ["08:00-12:00", "13:00-17:30"],
                               "friday": ["08:00-12:00", "13:00-16:00"], "saturday": ["09:00-12:00"] } }
                """)
            : BusinessCalendar.Preset(Calendar);
        _start = new DateTimeOffset(2026, 11, 24, 15, 30, 0, TimeSpan.FromHours(1));
        // Wall-clock spans, so that each call crosses the same stretch of the calendar.
        _end = Span switch
        {
            "1h" => _start.AddHours(1),
            "1d" => _start.AddDays(1),
            "1mo" => _start.AddMonths(1),
            _ => _start.AddYears(1),
        };
        _duration = _calendar.BusinessTimeBetween(_start, _end);
        // Build the years touched, then measure the steady state.
        _calendar.AddBusinessTime(_start, _duration);
        _calendar.BusinessTimeBetween(_start, _end.AddYears(1));

        // Starts spread over four years, so that caches and branch prediction do not flatter the figures.
        var random = new Random(2026);
        _starts = [.. Enumerable.Range(0, Varied).Select(_ => _start.AddMinutes(random.Next(4 * 365 * 24 * 60)))];
        foreach (var start in _starts)
        {
            _calendar.AddBusinessTime(start, _duration);
        }
    }

    [Benchmark]
    public DateTimeOffset AddBusinessTime() => _calendar.AddBusinessTime(_start, _duration);

    [Benchmark]
    public TimeSpan BusinessTimeBetween() => _calendar.BusinessTimeBetween(_start, _end);

    [Benchmark(OperationsPerInvoke = Varied)]
    public DateTimeOffset AddBusinessTimeVariedStarts()
    {
        var last = default(DateTimeOffset);
        foreach (var start in _starts)
        {
            last = _calendar.AddBusinessTime(start, _duration);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Varied)]
    public TimeSpan BusinessTimeBetweenVariedStarts()
    {
        var total = TimeSpan.Zero;
        foreach (var start in _starts)
        {
            total += _calendar.BusinessTimeBetween(start, start + (_end - _start));
        }

        return total;
    }
}
