using System.Text.Json;

namespace ClauseDesk.Cli;

public class SlaCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var result = CliRunner.Run([.. args, "--json"]);
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public void The_penalty_example_gives_reaction_and_resolution_due()
    {
        // SPEC §9: type 4, P2 (blocking × some staff), submitted Mon 10:00, acknowledged Wed 14:30.
        var json = Json("sla", "--policy", "managed-type4", "--urgency", "blocking", "--impact", "some",
            "--submitted", "2026-11-23T10:00:00+01:00", "--acknowledged", "2026-11-25T14:30:00+01:00");
        json.GetProperty("priority").GetString().ShouldBe("P2");
        json.GetProperty("reactionDue").GetString().ShouldBe("2026-11-24T10:00:00+01:00");
        // Resolution runs from the acknowledgement: 2 business days of 18 h.
        json.GetProperty("resolutionDue").GetString().ShouldBe("2026-11-27T14:30:00+01:00");
    }

    [Fact]
    public void Resolution_due_is_null_without_acknowledgement_or_without_a_target()
    {
        var unacknowledged = Json("sla", "--policy", "managed-type5", "--priority", "P1", "--submitted", "2026-11-24T15:30:00+01:00");
        unacknowledged.GetProperty("reactionDue").GetString().ShouldBe("2026-11-24T17:30:00+01:00");
        unacknowledged.GetProperty("resolutionDue").ValueKind.ShouldBe(JsonValueKind.Null);

        var noTarget = Json("sla", "--policy", "software-support", "--priority", "P1", "--submitted", "2026-11-24T15:30:00+01:00", "--acknowledged", "2026-11-24T16:00:00+01:00");
        noTarget.GetProperty("reactionDue").GetString().ShouldBe("2026-11-25T11:00:00+01:00");
        noTarget.GetProperty("resolutionDue").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("non-blocking", "some", "P4")]
    [InlineData("non-blocking", "all", "P3")]
    [InlineData("blocking", "some", "P2")]
    [InlineData("blocking", "all", "P1")]
    public void Urgency_and_impact_give_the_priority_of_the_matrix(string urgency, string impact, string expected)
    {
        Json("sla", "--policy", "managed-type1", "--urgency", urgency, "--impact", impact, "--submitted", "2026-11-24T15:30:00+01:00")
            .GetProperty("priority").GetString().ShouldBe(expected);
    }

    [Fact]
    public void Text_output_names_the_dues_and_explain_shows_the_clause()
    {
        var result = CliRunner.Run("sla", "--policy", "managed-type1", "--priority", "P1", "--submitted", "2026-11-24T15:30:00+01:00", "--explain");
        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("reaction due: 2026-11-25T11:15:00+01:00");
        result.Output.ShouldContain("resolution due: none");
        result.Output.ShouldContain("seed 001 art. 35.3, 39.1.2");
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["sla", "--policy", "managed-type9", "--priority", "P1", "--submitted", "2026-11-24T15:30:00+01:00"], "unknown SLA preset" },
        { ["sla", "--policy", "managed-type1", "--priority", "P5", "--submitted", "2026-11-24T15:30:00+01:00"], "--priority" },
        { ["sla", "--policy", "managed-type1", "--submitted", "2026-11-24T15:30:00+01:00"], "--urgency" },
        { ["sla", "--policy", "managed-type1", "--urgency", "blocking", "--submitted", "2026-11-24T15:30:00+01:00"], "--impact" },
        { ["sla", "--policy", "managed-type1", "--urgency", "urgent", "--impact", "all", "--submitted", "2026-11-24T15:30:00+01:00"], "--urgency" },
        { ["sla", "--policy", "managed-type1", "--priority", "P1", "--urgency", "blocking", "--impact", "all", "--submitted", "2026-11-24T15:30:00+01:00"], "not both" },
        { ["sla", "--policy", "managed-type1", "--priority", "P1", "--submitted", "2026-11-24T15:30:00+01:00", "--acknowledged", "2026-11-24T15:00:00+01:00"], "before --submitted" },
        { ["sla", "--policy", "managed-type1", "--priority", "P1", "--submitted", "tomorrow"], "--submitted" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_prints_one_line_on_stderr_and_exits_2(string[] args, string expected)
    {
        var result = CliRunner.Run(args);
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(expected);
        result.Error.ShouldNotContain("\n");
    }
}
