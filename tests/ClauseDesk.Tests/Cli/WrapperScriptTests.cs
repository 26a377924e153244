using System.Diagnostics;

namespace ClauseDesk.Cli;

/// <summary>
/// The <c>clausedesk</c> wrapper at the repository root, run against a stand-in <c>dotnet</c> so
/// that a "build" takes no time and can play out what happens while a real one runs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class WrapperScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clausedesk-wrapper-").FullName;

    public WrapperScriptTests()
    {
        File.Copy(Path.Combine(RepositoryRoot(), "clausedesk"), Path.Combine(_root, "clausedesk"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "ClauseDesk"));
        File.WriteAllText(Path.Combine(_root, "src", "ClauseDesk", "Program.cs"), "// v1\n");
        Directory.CreateDirectory(Path.Combine(_root, "fake"));
        // `dotnet build … -o OUT`: counts the build, lets someone save a source file in the middle
        // of it (when asked), then writes the output. `dotnet DLL args`: says it ran.
        File.WriteAllText(Path.Combine(_root, "fake", "dotnet"), """
            #!/usr/bin/env bash
            set -eu
            root="$(cd "$(dirname "$0")/.." && pwd)"
            if [ "$1" = build ]; then
              echo build >> "$root/builds"
              sleep 0.05
              if [ -f "$root/edit-during-build" ]; then
                rm "$root/edit-during-build"
                echo '// v2' > "$root/src/ClauseDesk/Program.cs"
                sleep 0.05
              fi
              while [ "$1" != -o ]; do shift; done
              mkdir -p "$2" && echo dll > "$2/clausedesk.dll"
            else
              echo "ran $*"
            fi
            """.Replace("\r", ""));
        File.SetUnixFileMode(Path.Combine(_root, "fake", "dotnet"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(_root, "clausedesk"), (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private int Builds => File.Exists(Path.Combine(_root, "builds")) ? File.ReadAllLines(Path.Combine(_root, "builds")).Length : 0;

    [Fact]
    public void It_builds_once_then_runs_the_build()
    {
        Wrapper("holidays").ShouldEndWith("holidays");
        Wrapper("holidays");
        Builds.ShouldBe(1);
    }

    [Fact]
    public void A_source_saved_while_the_build_runs_makes_the_next_run_build_again()
    {
        File.WriteAllText(Path.Combine(_root, "edit-during-build"), "");
        Wrapper("holidays");
        Builds.ShouldBe(1);
        Wrapper("holidays");
        Builds.ShouldBe(2, "the source saved during the first build is newer than what that build compiled");
        Wrapper("holidays");
        Builds.ShouldBe(2);
    }

    private string Wrapper(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "clausedesk")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = Path.Combine(_root, "fake") + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(30_000).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, error.Result);
        return output.Result.TrimEnd('\n');
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "clausedesk")) && File.Exists(Path.Combine(dir.FullName, "ClauseDesk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with the clausedesk wrapper) was not found above " + AppContext.BaseDirectory);
    }
}
