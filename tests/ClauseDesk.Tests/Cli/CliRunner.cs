using System.Diagnostics;

namespace ClauseDesk.Cli;

internal sealed record CliResult(int ExitCode, string Output, string Error);

internal static class CliRunner
{
    /// <summary>Runs the command line in this process (fast; same code path as the executable).</summary>
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ClauseDeskCli.Run(args, output, error);
        return new CliResult(code, output.ToString().TrimEnd('\n'), error.ToString().TrimEnd('\n'));
    }

    /// <summary>Runs the built executable as its own process, as a shell would.</summary>
    public static CliResult RunProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clausedesk.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).ShouldBeTrue("clausedesk did not finish within a minute");
        return new CliResult(process.ExitCode, output.Result.TrimEnd('\n'), error.Result.TrimEnd('\n'));
    }
}
