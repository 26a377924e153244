using static ClauseDesk.Sla.SlaTestKit;

namespace ClauseDesk.Sla;

/// <summary>A history the engine cannot trust is refused, naming the offending event.</summary>
public class HistoryValidationTests
{
    private const string Now = "2026-11-27T12:00:00+01:00";

    private static readonly Dictionary<string, (TicketEvent[] History, string Message)> Cases = new()
    {
        ["empty"] = ([], "history is empty"),
        ["no submission first"] = ([Ack("2026-11-23T10:00:00+01:00")], "history[0] Acknowledged"),
        ["two submissions"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Submit("2026-11-23T11:00:00+01:00", Priority.P2)], "history[1] Submitted"),
        ["out of order"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Ack("2026-11-23T09:00:00+01:00")], "earlier than the event before it"),
        ["after now"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Ack("2026-11-28T09:00:00+01:00")], "after now"),
        ["resumed without pause"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), new Resumed(At("2026-11-23T11:00:00+01:00"), "desk")], "history[1] Resumed"),
        ["paused twice"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), new Paused(At("2026-11-23T11:00:00+01:00"), "desk", PauseReason.ForceMajeure), new Paused(At("2026-11-23T12:00:00+01:00"), "desk", PauseReason.CustomerSystems)], "already paused"),
        ["delivered without waiting"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), new SupplierDelivered(At("2026-11-23T11:00:00+01:00"), "desk")], "history[1] SupplierDelivered"),
        ["acknowledged twice"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Ack("2026-11-23T11:00:00+01:00"), Ack("2026-11-23T12:00:00+01:00")], "already acknowledged"),
        ["resolved unacknowledged"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), new Resolved(At("2026-11-23T11:00:00+01:00"), "desk")], "not acknowledged yet"),
        ["reopened while open"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Ack("2026-11-23T11:00:00+01:00"), new Reopened(At("2026-11-23T12:00:00+01:00"), "customer")], "history[2] Reopened"),
        ["paused while resolved"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Ack("2026-11-23T11:00:00+01:00"), new Resolved(At("2026-11-23T12:00:00+01:00"), "desk"), new Paused(At("2026-11-23T13:00:00+01:00"), "desk", PauseReason.ForceMajeure)], "reopen it first"),
        ["two workarounds"] = ([Submit("2026-11-23T10:00:00+01:00", Priority.P1), Ack("2026-11-23T11:00:00+01:00"), new WorkaroundProvided(At("2026-11-23T12:00:00+01:00"), "desk"), new WorkaroundProvided(At("2026-11-23T13:00:00+01:00"), "desk")], "workaround is already in place"),
        ["no actor"] = ([new Submitted(At("2026-11-23T10:00:00+01:00"), " ", Priority.P1)], "names its actor"),
        ["undefined priority"] = ([Submit("2026-11-23T10:00:00+01:00", (Priority)9)], "undefined priority"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void An_invalid_history_is_refused_naming_the_event(string name)
    {
        var (history, message) = Cases[name];
        var error = Should.Throw<ArgumentException>(() => SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), history, At(Now)));
        error.ParamName.ShouldBe("history");
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void A_resolved_ticket_may_still_close_its_pause_and_be_reopened()
    {
        TicketEvent[] history =
        [
            Submit("2026-11-23T10:00:00+01:00", Priority.P1),
            Ack("2026-11-23T11:00:00+01:00"),
            new Paused(At("2026-11-23T11:30:00+01:00"), "desk", PauseReason.AnnouncedMaintenance),
            new Resolved(At("2026-11-23T12:00:00+01:00"), "desk"),
            new Resumed(At("2026-11-23T13:00:00+01:00"), "desk"),
            new Reopened(At("2026-11-23T14:00:00+01:00"), "customer"),
        ];

        Should.NotThrow(() => SlaEngine.Evaluate(SlaPolicy.Preset("managed-type4"), history, At(Now)));
    }
}
