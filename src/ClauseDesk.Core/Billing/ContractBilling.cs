using ClauseDesk.Billing.Credits;
using ClauseDesk.Billing.Time;
using ClauseDesk.Billing.Volume;
using ClauseDesk.Calendars;

namespace ClauseDesk.Billing;

/// <summary>
/// How a contract bills time, support credits and metered volume (SPEC §5): one row per contract,
/// created by whichever setting is given first. Each setting is checked by building the domain
/// object that uses it (<see cref="TimeTariff"/>, <see cref="SupportCreditAccount"/>, <see cref="CountingRule"/>).
/// </summary>
public sealed class ContractBilling
{
    /// <summary>The working hours time is priced against when none is named: seed 001 definition 18, Mon–Fri 08:45–17:00, Belgian legal holidays.</summary>
    public const string DefaultWorkingHours = "managed-type1";

    private ContractBilling()
    {
    }

    public ContractBilling(Guid tenantId, Guid contractId)
    {
        TenantId = tenantId;
        ContractId = contractId;
    }

    public Guid ContractId { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>The rate per hour in working hours excl. VAT; null until the rates are set.</summary>
    public decimal? HourlyRate { get; private set; }

    /// <summary>The surcharge table's preset name (<see cref="SurchargeTable.Presets"/>).</summary>
    public string Surcharges { get; private set; } = SurchargeTable.Seed001.Name;

    public SurchargeReading Reading { get; private set; } = SurchargeReading.OnTopOfRate;

    /// <summary>The calendar preset whose opening windows are the working hours time is priced against.</summary>
    public string WorkingHours { get; private set; } = DefaultWorkingHours;

    public decimal PerKm { get; private set; } = TimeTariff.PerKmSeed002.Amount;

    public int OnSiteMinimumMinutes { get; private set; } = TimeTariff.OnSiteMinimumMinutesSeed004;

    /// <summary>Whether remote time is paid from the customer's support credits (seed 002 art. 4.7).</summary>
    public bool PaysFromCredits { get; private set; }

    /// <summary>The price of one credit (a quarter hour) excl. VAT.</summary>
    public decimal CreditPrice { get; private set; } = SupportCreditAccount.PricePerQuarterHourSeed002.Amount;

    public OverdraftRule BeyondCredits { get; private set; } = OverdraftRule.Overage;

    /// <summary>What is counted, e.g. <c>signed form</c>; null until a volume is set.</summary>
    public string? VolumeUnit { get; private set; }

    /// <summary>The unit's states in order, one a line.</summary>
    public string? VolumeStates { get; private set; }

    public string? CountingState { get; private set; }

    public decimal? PricePerExtraUnit { get; private set; }

    /// <summary>Bumped by every writer of the contract's ledgers, so that on PostgreSQL they take turns on this row.</summary>
    public long Turn { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Sets how time is priced and paid.</summary>
    /// <exception cref="DeskRuleException">A preset, calendar or amount the domain refuses; the field is named.</exception>
    public void SetRates(decimal hourlyRate, string surcharges, SurchargeReading? reading, string? workingHours, decimal? perKm, int? onSiteMinimumMinutes, bool paysFromCredits, decimal? creditPrice, OverdraftRule? beyondCredits, DateTimeOffset now)
    {
        var table = SurchargeTable.Find(surcharges)
            ?? throw new DeskRuleException("surcharges", $"unknown surcharge preset '{surcharges}'; use one of {string.Join(", ", SurchargeTable.Presets.Select(p => p.Name))}");
        var hours = workingHours ?? DefaultWorkingHours;
        if (!CalendarPresets.Exists(hours))
        {
            throw new DeskRuleException("workingHours", $"unknown calendar '{hours}'; use one of {string.Join(", ", CalendarPresets.Names)}");
        }

        var tariff = Checked(() => new TimeTariff(
            CalendarPresets.Get(hours),
            Money.Euros(hourlyRate),
            table,
            reading ?? table.LiteralReading,
            onSiteMinimumMinutes: onSiteMinimumMinutes ?? TimeTariff.OnSiteMinimumMinutesSeed004,
            perKm: Money.Euros(perKm ?? TimeTariff.PerKmSeed002.Amount)));
        var account = Checked(() => new SupportCreditAccount(Money.Euros(creditPrice ?? SupportCreditAccount.PricePerQuarterHourSeed002.Amount), beyondCredits ?? OverdraftRule.Overage, Money.Euros(hourlyRate)));
        HourlyRate = tariff.HourlyRate.Amount;
        Surcharges = table.Name;
        Reading = tariff.Reading;
        WorkingHours = CalendarPresets.Names.First(n => n.Equals(hours, StringComparison.OrdinalIgnoreCase));
        PerKm = tariff.PerKm.Amount;
        OnSiteMinimumMinutes = tariff.OnSiteMinimumMinutes;
        PaysFromCredits = paysFromCredits;
        CreditPrice = account.PricePerQuarterHour.Amount;
        BeyondCredits = account.Overdraft;
        UpdatedAt = now;
    }

    /// <summary>The tariff time is priced with; null until the rates are set.</summary>
    public TimeTariff? Tariff() => HourlyRate is { } rate
        ? new TimeTariff(CalendarPresets.Get(WorkingHours), Money.Euros(rate), SurchargeTable.Find(Surcharges)!, Reading, onSiteMinimumMinutes: OnSiteMinimumMinutes, perKm: Money.Euros(PerKm))
        : null;

    /// <summary>The credit account continued from the balance and time of the last line kept.</summary>
    public SupportCreditAccount Credits(int balance, NodaTime.Instant? lastAt, decimal? pricePerQuarterHour = null) =>
        Checked(() => SupportCreditAccount.Resume(balance, lastAt, Money.Euros(pricePerQuarterHour ?? CreditPrice), BeyondCredits, HourlyRate is { } rate ? Money.Euros(rate) : null));

    /// <summary>Sets what is counted and the price of a unit beyond the volume; the states cannot change once units are counted (the caller checks).</summary>
    /// <exception cref="DeskRuleException">A rule or price the domain refuses.</exception>
    public void SetMetering(string? unit, IReadOnlyList<string>? states, string? countingState, decimal pricePerExtraUnit, DateTimeOffset now)
    {
        var preset = CountingRule.SignedFormsSeed002;
        var rule = Checked(() => new CountingRule(unit ?? VolumeUnit ?? preset.Unit, states ?? Rule()?.States ?? preset.States, countingState ?? CountingState ?? preset.CountingState));
        if (pricePerExtraUnit is < 0m or > 1_000_000m)
        {
            throw new DeskRuleException("pricePerExtraUnit", "a price from €0.00 to €1,000,000.00");
        }

        VolumeUnit = rule.Unit.Trim();
        VolumeStates = string.Join('\n', rule.States.Select(s => s.Trim()));
        CountingState = rule.CountingState.Trim();
        PricePerExtraUnit = pricePerExtraUnit;
        UpdatedAt = now;
    }

    /// <summary>Which states count; null until a volume is set.</summary>
    public CountingRule? Rule() => VolumeUnit is { } unit && VolumeStates is { } states && CountingState is { } counting
        ? new CountingRule(unit, states.Split('\n'), counting)
        : null;

    // The domain names the argument it refuses; the API names the field.
    private static T Checked<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            var field = e.ParamName switch
            {
                "hourlyRate" => "hourlyRate",
                "perKm" => "perKm",
                "onSiteMinimumMinutes" => "onSiteMinimumMinutes",
                "pricePerQuarterHour" => "creditPrice",
                "states" or "countingState" or "unit" => e.ParamName,
                _ => e.ParamName ?? "body",
            };
            throw new DeskRuleException(field, e.Message.Split(" (Parameter '")[0].Split('\n')[0].Trim());
        }
    }
}
