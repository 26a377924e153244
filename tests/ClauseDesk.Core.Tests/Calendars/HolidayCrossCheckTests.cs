using System.Diagnostics;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Calendars;

/// <summary>
/// Checks <see cref="HolidaySet.Belgium"/> against sources written outside this project:
/// Debian's python3-holidays and the shared list of legal holidays.
/// </summary>
public class HolidayCrossCheckTests
{
    private const string Python = "/usr/bin/python3";
    private const int FirstCheckedYear = 1990;
    private const int LastCheckedYear = 2100;

    /// <summary>
    /// The days python3-holidays (0.10, Debian 12) lists for Belgium that are not legal holidays of
    /// their own: Easter Sunday and Whit Sunday, named in Dutch.
    /// </summary>
    private static readonly HashSet<string> SundayFeastNames = ["Pasen", "Pinksteren"];

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    [Fact]
    public void Belgium_matches_python3_holidays_for_every_year_from_1990_to_2100()
    {
        var theirs = PythonHolidaysForBelgium();

        var differences = new List<string>();
        for (var year = FirstCheckedYear; year <= LastCheckedYear; year++)
        {
            var ours = OurDates(year);
            var other = theirs.TryGetValue(year, out var dates) ? dates : [];
            Describe(year, ours, other, "python3-holidays", differences);
        }

        differences.ShouldBeEmpty(
            $"HolidaySet.Belgium and python3-holidays disagree in {differences.Count} year(s) (Easter Sunday and Whit Sunday, " +
            $"named {string.Join(" and ", SundayFeastNames)}, are left out of theirs):{Environment.NewLine}" +
            string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void Belgium_matches_the_shared_list_of_legal_holidays_for_2020_to_2035()
    {
        var path = Path.Combine(SharedDirectory(), "data", "be-legal-holidays-2020-2035.csv");
        var lines = File.ReadAllLines(path);
        lines[0].Trim().ShouldBe("date,name", $"header of {path}");

        var theirs = new Dictionary<int, SortedSet<LocalDate>>();
        foreach (var line in lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            comma.ShouldBeGreaterThan(0, $"line '{line}' of {path}");
            var date = IsoDate.Parse(line[..comma].Trim()).GetValueOrThrow();
            if (!theirs.TryGetValue(date.Year, out var set))
            {
                theirs[date.Year] = set = [];
            }

            set.Add(date);
        }

        theirs.Keys.Order().ShouldBe(Enumerable.Range(2020, 16), $"years listed in {path}");

        var differences = new List<string>();
        foreach (var (year, dates) in theirs)
        {
            Describe(year, OurDates(year), dates, Path.GetFileName(path), differences);
        }

        differences.ShouldBeEmpty(
            $"HolidaySet.Belgium and {path} disagree:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }

    /// <summary>Known Easter Sundays, spanning the earliest (22 March) to the latest (25 April) possible dates.</summary>
    [Theory]
    [InlineData("1900-04-15")]
    [InlineData("1913-03-23")]
    [InlineData("1943-04-25")]
    [InlineData("1954-04-18")]
    [InlineData("2000-04-23")]
    [InlineData("2008-03-23")]
    [InlineData("2011-04-24")]
    [InlineData("2019-04-21")]
    [InlineData("2024-03-31")]
    [InlineData("2025-04-20")]
    [InlineData("2038-04-25")]
    [InlineData("2100-03-28")]
    [InlineData("2160-03-23")]
    [InlineData("2200-04-06")]
    public void Easter_Sunday_is_the_known_date(string iso)
    {
        var expected = IsoDate.Parse(iso).GetValueOrThrow();
        HolidaySet.EasterSunday(expected.Year).ShouldBe(expected);
        expected.DayOfWeek.ShouldBe(IsoDayOfWeek.Sunday);
    }

    private static SortedSet<LocalDate> OurDates(int year) => [.. HolidaySet.Belgium.For(year).Select(h => h.Date)];

    private static void Describe(int year, SortedSet<LocalDate> ours, SortedSet<LocalDate> theirs, string source, List<string> differences)
    {
        if (ours.SetEquals(theirs))
        {
            return;
        }

        var onlyOurs = ours.Except(theirs).Select(d => IsoDate.Format(d));
        var onlyTheirs = theirs.Except(ours).Select(d => IsoDate.Format(d));
        differences.Add($"  {year}: only ours [{string.Join(", ", onlyOurs)}], only {source} [{string.Join(", ", onlyTheirs)}]");
    }

    /// <summary>Runs python3-holidays and returns, per year, the dates of its Belgian holidays less the two Sundays.</summary>
    private static Dictionary<int, SortedSet<LocalDate>> PythonHolidaysForBelgium()
    {
        const string script = """
            import sys
            try:
                import holidays
            except ImportError as e:
                print("python3-holidays is missing:", e, file=sys.stderr)
                sys.exit(3)
            first, last = int(sys.argv[1]), int(sys.argv[2])
            for year in range(first, last + 1):
                for day, name in sorted(holidays.Belgium(years=year).items()):
                    print(day.isoformat(), name, sep="\t")
            """;
        const string install = "python3-holidays is needed (Debian's python-holidays, an independent source of holidays): " +
            "run ./test.sh, which installs it, or apt-get install python3-holidays";

        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} was not found. {install}");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", script, FirstCheckedYear.ToString(CultureInfo.InvariantCulture), LastCheckedYear.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Debian's own module, not one from a user's site-packages or PYTHONPATH.
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            Assert.Fail($"{Python} did not finish listing holidays within two minutes");
        }

        if (process.ExitCode == 3)
        {
            Assert.Fail($"{install}. {stderr.Result.Trim()}");
        }

        process.ExitCode.ShouldBe(0, $"{Python} failed: {stderr.Result.Trim()}");

        var byYear = new Dictionary<int, SortedSet<LocalDate>>();
        var sundayFeastsSeen = new HashSet<string>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tab = line.Split('\t', 2);
            tab.Length.ShouldBe(2, $"unexpected line from python3-holidays: '{line}'");
            var date = IsoDate.Parse(tab[0]).GetValueOrThrow();

            // Two holidays on one date come as one name joined by ", " (1 May 2008 was also Ascension Day).
            var names = tab[1].Split(", ", StringSplitOptions.TrimEntries);
            sundayFeastsSeen.UnionWith(names.Where(SundayFeastNames.Contains));
            if (names.All(SundayFeastNames.Contains))
            {
                continue;
            }

            if (!byYear.TryGetValue(date.Year, out var set))
            {
                byYear[date.Year] = set = [];
            }

            set.Add(date);
        }

        // If a later python3-holidays renamed the Sundays, say so rather than report 222 stray dates.
        sundayFeastsSeen.ShouldBe(SundayFeastNames, ignoreOrder: true,
            customMessage: "python3-holidays no longer names Easter Sunday and Whit Sunday 'Pasen' and 'Pinksteren'; update SundayFeastNames");
        return byYear;
    }

    /// <summary>The shared folder beside the repository, found by walking up from the test assembly.</summary>
    private static string SharedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "SPEC.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no folder 'shared' with SPEC.md above {AppContext.BaseDirectory}");
    }
}
