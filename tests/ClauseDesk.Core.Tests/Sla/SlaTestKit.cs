using System.Globalization;

namespace ClauseDesk.Sla;

internal static class SlaTestKit
{
    public const string Desk = "desk";
    public const string Customer = "customer";

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>Asserts the same instant and the same offset (so the calendar's zone was applied).</summary>
    public static void ShouldBeAt(this DateTimeOffset? actual, string expectedIso)
    {
        actual.ShouldNotBeNull();
        var expected = At(expectedIso);
        actual.Value.ShouldBe(expected);
        actual.Value.Offset.ShouldBe(expected.Offset, $"offset of {actual:O}");
    }

    public static Submitted Submit(string at, Priority priority) => new(At(at), Customer, priority);

    public static Acknowledged Ack(string at) => new(At(at), Desk);

    public static SlaStatus Evaluate(string preset, string now, params TicketEvent[] history) =>
        SlaEngine.Evaluate(SlaPolicy.Preset(preset), history, At(now));

    public static string Text(this Working working) => working.ToString();
}
