using System.CommandLine;
using System.Globalization;
using ClauseDesk.Billing;
using ClauseDesk.Cli;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk;

/// <summary><c>clausedesk late-fee</c> and <c>clausedesk index</c>: the money clauses of SPEC §5 with their working.</summary>
public static class BillingCommands
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print one line of JSON: the figures and the working" };

    public static Command LateFee()
    {
        var names = string.Join("|", LatePaymentPolicy.Presets.Select(p => p.Name));
        var policy = new Option<string>("--policy") { Description = $"The late-payment clause: {names}", Required = true };
        var amount = new Option<string>("--amount") { Description = "The invoice total including VAT in euro, e.g. 1210.00", Required = true };
        var due = new Option<string>("--due") { Description = "The due date, e.g. 2026-01-31", Required = true };
        var paid = new Option<string>("--paid") { Description = "The payment date, on or after --due", Required = true };
        var rates = new Option<string?>("--rates") { Description = "A statutory rate table (CSV: period_start,rate_percent,source) instead of the one shipped" };
        var flat = new Option<bool>("--no-lump-sum-clause") { Description = "The contract has no lump-sum clause: the law's flat €40 (law of 2 August 2002, art. 6) instead" };

        var command = new Command("late-fee", "Late-payment interest and lump sum on an invoice (SPEC §5)") { policy, amount, due, paid, rates, flat, Json };
        command.SetAction(parse =>
        {
            var clause = Policy(parse.GetValue(policy));
            if (parse.GetValue(flat))
            {
                clause = clause.WithStatutoryFlatLumpSum();
            }

            var total = Euros(parse.GetValue(amount), "--amount");
            var dueDate = Date(parse.GetValue(due), "--due");
            var paidDate = Date(parse.GetValue(paid), "--paid");
            if (paidDate < dueDate)
            {
                throw new UsageException($"--paid {Shown(paidDate)} is before --due {Shown(dueDate)}");
            }

            var table = parse.GetValue(rates) is { } file ? Rates(file) : StatutoryRates.Published;
            LateFee fee;
            try
            {
                fee = LatePayment.Compute(clause, total, dueDate, paidDate, table);
            }
            catch (StatutoryRateMissingException e)
            {
                throw new UsageException($"{e.Message}; add it with --rates FILE");
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(Json))
            {
                output.WriteLine(ClauseDeskCli.JsonObject(
                    ("daysLate", fee.DaysLate),
                    ("interest", Cents(fee.Interest)),
                    ("lumpSum", Cents(fee.LumpSum)),
                    ("total", Cents(fee.Total)),
                    ("working", Lines(fee.Working))));
                return 0;
            }

            output.WriteLine(fee.Working);
            output.WriteLine();
            output.WriteLine($"days late: {fee.DaysLate}");
            output.WriteLine($"interest: {fee.Interest}");
            output.WriteLine($"lump sum: {fee.LumpSum}");
            output.WriteLine($"total: {fee.Total}");
            return 0;
        });
        return command;
    }

    public static Command Index()
    {
        var formula = new Option<string>("--formula") { Description = "agoria: P0 × (0.2 + 0.8 × S/S0); cpi: P0 × I/I0", Required = true };
        var price = new Option<string>("--price") { Description = "The base price P0 in euro, e.g. 100.00", Required = true };
        var baseIndex = new Option<string>("--base") { Description = "The base index S0 or I0, e.g. 120.0", Required = true };
        var current = new Option<string>("--current") { Description = "The current index S or I, e.g. 126.0", Required = true };

        var command = new Command("index", "A price indexed by the Agoria or consumer-price formula (SPEC §5)") { formula, price, baseIndex, current, Json };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(formula) ?? "";
            if (!Indexation.Names.TryGetValue(name, out var chosen))
            {
                throw new UsageException($"--formula: unknown formula '{name}'; use one of {string.Join(", ", Indexation.Names.Keys)}");
            }

            var p0 = Euros(parse.GetValue(price), "--price");
            var s0 = IndexValue(parse.GetValue(baseIndex), "--base");
            var s = IndexValue(parse.GetValue(current), "--current");
            if (s / 1_000_000m > s0)
            {
                throw new UsageException("--current is more than a million times --base");
            }

            var indexed = Indexation.Apply(chosen, p0, s0, s);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(Json))
            {
                output.WriteLine(ClauseDeskCli.JsonObject(("price", Cents(indexed.Value)), ("working", Lines(indexed.Working))));
                return 0;
            }

            output.WriteLine(indexed.Working);
            output.WriteLine();
            output.WriteLine($"price: {indexed.Value}");
            return 0;
        });
        return command;
    }

    private static LatePaymentPolicy Policy(string? name) =>
        LatePaymentPolicy.Find(name ?? "")
        ?? throw new UsageException($"--policy: unknown policy '{name}'; use one of {string.Join(", ", LatePaymentPolicy.Presets.Select(p => p.Name))}");

    private static Money Euros(string? text, string option)
    {
        var trimmed = text?.Trim() ?? "";
        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{option}: '{text}' is not an amount in euro such as 1210.00");
        }

        if (value <= 0)
        {
            throw new UsageException($"{option}: {trimmed} must be more than zero");
        }

        if (value != decimal.Round(value, 2))
        {
            throw new UsageException($"{option}: {trimmed} has fractions of a cent");
        }

        var limit = Math.Min(LatePayment.MaxAmount.Amount, Indexation.MaxPrice.Amount);
        return value > limit
            ? throw new UsageException($"{option}: {trimmed} is more than {Money.Euros(limit)}")
            : Money.Euros(value);
    }

    private static decimal IndexValue(string? text, string option)
    {
        var trimmed = text?.Trim() ?? "";
        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{option}: '{text}' is not an index value such as 126.0");
        }

        return value switch
        {
            <= 0 => throw new UsageException($"{option}: {trimmed} must be more than zero"),
            > Indexation.MaxIndex => throw new UsageException($"{option}: {trimmed} is more than {Indexation.MaxIndex:#,##0}"),
            _ => value,
        };
    }

    // Years as the calendars take them: beyond these, a date is more likely a typing error than an invoice.
    private static LocalDate Date(string? text, string option)
    {
        var result = LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        if (!result.Success)
        {
            throw new UsageException($"{option}: '{text}' is not a date such as 2026-01-31");
        }

        return result.Value.Year is < 1900 or > 2200
            ? throw new UsageException($"{option}: '{text}' is outside 1900–2200")
            : result.Value;
    }

    private static StatutoryRates Rates(string file)
    {
        try
        {
            return StatutoryRates.FromCsv(File.ReadAllText(file));
        }
        catch (RateTableFormatException e)
        {
            throw new UsageException($"--rates: {file}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--rates: {file}: cannot be read: {e.Message.Split('\n')[0]}");
        }
    }

    private static string Shown(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    // Round keeps a smaller scale (150m stays 150); adding 0.00m gives it two decimals, which JSON keeps.
    private static decimal Cents(Money money) => decimal.Round(money.Amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>The working as JSON strings: the clause with its reading, the inputs, then the steps.</summary>
    private static string[] Lines(Working working) =>
        [$"{working.Clause} ({working.Reading})", .. working.Inputs.Select(i => $"{i.Name}: {i.Value}"), .. working.Steps];
}
