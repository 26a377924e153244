using System.CommandLine;
using ClauseDesk.Cli;
using ClauseDesk.Sla;

namespace ClauseDesk;

/// <summary><c>clausedesk sla</c>: a ticket's reaction and resolution due under a policy (SPEC §2).</summary>
public static class SlaCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "An SLA preset: " + string.Join(", ", SlaPolicy.PresetNames), Required = true };
        var priority = new Option<string?>("--priority") { Description = "P1..P4, or give --urgency and --impact" };
        var urgency = new Option<string?>("--urgency") { Description = "blocking or non-blocking (seed 001 art. 39.1.1)" };
        var impact = new Option<string?>("--impact") { Description = "some or all (staff affected)" };
        var submitted = new Option<string>("--submitted") { Description = "When the ticket was submitted, ISO-8601 with offset", Required = true };
        var acknowledged = new Option<string?>("--acknowledged") { Description = "When the provider acknowledged it, ISO-8601 with offset" };
        var now = new Option<string?>("--now") { Description = "The moment to evaluate at (default: now, or the last event if later)" };
        var json = new Option<bool>("--json") { Description = "Print JSON: priority, reactionDue, resolutionDue" };
        var explain = new Option<bool>("--explain") { Description = "Also print how each figure was computed" };

        var command = new Command("sla", "Reaction and resolution due of a ticket under an SLA policy (resolution runs from the acknowledgement)")
        {
            policy, priority, urgency, impact, submitted, acknowledged, now, json, explain,
        };
        command.SetAction(parse =>
        {
            var slaPolicy = Policy(parse.GetValue(policy)!);
            var level = Priority(parse.GetValue(priority), parse.GetValue(urgency), parse.GetValue(impact));
            var submittedAt = ClauseDeskCli.Instant(parse.GetValue(submitted), "--submitted");
            var acknowledgedAt = parse.GetValue(acknowledged) is { } a ? ClauseDeskCli.Instant(a, "--acknowledged") : (DateTimeOffset?)null;
            if (acknowledgedAt < submittedAt)
            {
                throw new UsageException("--acknowledged is before --submitted");
            }

            var history = new List<TicketEvent> { new Submitted(submittedAt, "cli", level) };
            if (acknowledgedAt is { } ack)
            {
                history.Add(new Acknowledged(ack, "cli"));
            }

            var latest = acknowledgedAt ?? submittedAt;
            var at = parse.GetValue(now) is { } n ? ClauseDeskCli.Instant(n, "--now") : DateTimeOffset.UtcNow;
            if (at < latest)
            {
                if (parse.GetValue(now) is not null)
                {
                    throw new UsageException("--now is before the last event");
                }

                at = latest;
            }

            var status = SlaEngine.Evaluate(slaPolicy, history, at);
            var reactionDue = status.Reaction.Due is { } r ? ClauseDeskCli.Iso(r) : null;
            var resolutionDue = status.Resolution.Due is { } s ? ClauseDeskCli.Iso(s) : null;
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(ClauseDeskCli.JsonObject(("priority", level.ToString()), ("reactionDue", reactionDue), ("resolutionDue", resolutionDue)));
                return 0;
            }

            output.WriteLine($"priority: {level} ({PriorityNames.English(level)})");
            output.WriteLine($"reaction due: {reactionDue ?? Absent(status.Reaction)}{Outcome(status.Reaction)}");
            output.WriteLine($"resolution due: {resolutionDue ?? Absent(status.Resolution)}{Outcome(status.Resolution)}");
            if (parse.GetValue(explain))
            {
                output.WriteLine();
                output.WriteLine(status.Reaction.Working);
                output.WriteLine();
                output.WriteLine(status.Resolution.Working);
            }

            return 0;
        });
        return command;
    }

    private static string Absent(ClockStatus clock) =>
        clock.Target is null ? "none (the policy sets no target)" : "not started (nothing acknowledged)";

    private static string Outcome(ClockStatus clock) => clock switch
    {
        { Breached: true, BreachedAt: { } at } => $" — breached at {ClauseDeskCli.Iso(at)}",
        { MetAt: { } met } => $" — met at {ClauseDeskCli.Iso(met)}",
        _ => "",
    };

    private static SlaPolicy Policy(string name)
    {
        try
        {
            return SlaPolicy.Preset(name);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--policy: unknown SLA preset '{name}'; presets: {string.Join(", ", SlaPolicy.PresetNames)}");
        }
    }

    private static Priority Priority(string? priority, string? urgency, string? impact)
    {
        if (priority is not null)
        {
            if (urgency is not null || impact is not null)
            {
                throw new UsageException("give either --priority or --urgency with --impact, not both");
            }

            return priority.ToUpperInvariant() switch
            {
                "P1" => Sla.Priority.P1,
                "P2" => Sla.Priority.P2,
                "P3" => Sla.Priority.P3,
                "P4" => Sla.Priority.P4,
                _ => throw new UsageException($"--priority: '{priority}' is not P1, P2, P3 or P4"),
            };
        }

        if (urgency is null || impact is null)
        {
            throw new UsageException("give --priority P1..P4, or --urgency blocking|non-blocking with --impact some|all");
        }

        var u = urgency.ToLowerInvariant() switch
        {
            "blocking" => Urgency.Blocking,
            "non-blocking" => Urgency.NonBlocking,
            _ => throw new UsageException($"--urgency: '{urgency}' is not blocking or non-blocking"),
        };
        var i = impact.ToLowerInvariant() switch
        {
            "some" => Impact.Some,
            "all" => Impact.All,
            _ => throw new UsageException($"--impact: '{impact}' is not some or all"),
        };
        return PriorityMatrix.From(u, i);
    }
}
