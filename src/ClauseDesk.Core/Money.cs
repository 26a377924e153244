using System.Globalization;

namespace ClauseDesk;

/// <summary>
/// An amount of money in euro, exact on <see cref="decimal"/>. Arithmetic never rounds; call
/// <see cref="RoundToCents"/> where a contract amount is fixed.
/// </summary>
/// <remarks>
/// <para><b>Rounding rule:</b> amounts are rounded to whole cents, half away from zero
/// (<see cref="MidpointRounding.AwayFromZero"/>): €0.125 → €0.13, −€0.125 → −€0.13. Banker's
/// rounding (the .NET default) is never used, because invoices and penalties are read by people
/// who expect the schoolbook rule.</para>
/// <para>Only EUR exists for now; <see cref="Currency"/> is there so the shown amount says so.</para>
/// </remarks>
public readonly record struct Money(decimal Amount) : IComparable<Money>
{
    /// <summary>Always <c>EUR</c>.</summary>
    public string Currency => "EUR";

    public static Money Zero => default;

    /// <summary>An amount in euro; no rounding is applied.</summary>
    public static Money Euros(decimal amount) => new(amount);

    /// <summary>Rounded to whole cents, half away from zero (see the type's remarks).</summary>
    public Money RoundToCents() => new(Math.Round(Amount, 2, MidpointRounding.AwayFromZero));

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);

    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);

    public static Money operator -(Money a) => new(-a.Amount);

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor);

    public static Money operator *(decimal factor, Money a) => new(a.Amount * factor);

    public static bool operator <(Money a, Money b) => a.Amount < b.Amount;

    public static bool operator >(Money a, Money b) => a.Amount > b.Amount;

    public static bool operator <=(Money a, Money b) => a.Amount <= b.Amount;

    public static bool operator >=(Money a, Money b) => a.Amount >= b.Amount;

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money a, Money b) => a.Amount <= b.Amount ? a : b;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    /// <summary>Invariant, e.g. <c>€1,200.00</c> or <c>-€0.13</c>; at least two decimals, more only if the amount has them.</summary>
    public override string ToString()
    {
        var abs = Math.Abs(Amount);
        var text = abs == Math.Round(abs, 2)
            ? abs.ToString("#,##0.00", CultureInfo.InvariantCulture)
            : abs.ToString("#,##0.00##########", CultureInfo.InvariantCulture);
        return (Amount < 0 ? "-€" : "€") + text;
    }
}
