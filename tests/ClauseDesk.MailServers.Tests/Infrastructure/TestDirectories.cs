using System.Globalization;
using System.Security.Cryptography;

namespace ClauseDesk.Infrastructure;

/// <summary>
/// Private directories of the test servers under the temp directory, named
/// "clausedesk-&lt;kind&gt;-&lt;pid&gt;-&lt;hex&gt;" so that the leftovers of a test process that died can be removed.
/// </summary>
public static class TestDirectories
{
    /// <summary>Creates a fresh directory for a server of this kind, after removing those of dead test processes.</summary>
    public static string Create(string kind)
    {
        var prefix = $"clausedesk-{kind}-";
        RemoveStale(prefix);
        var root = Path.Combine(Path.GetTempPath(), $"{prefix}{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, true)}");
        Directory.CreateDirectory(root);
        return root;
    }

    private static void RemoveStale(string prefix)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
        {
            var rest = Path.GetFileName(directory)[prefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0
                || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId
                || IsAlive(pid))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another test process may be removing it too.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
