using System.Diagnostics;

namespace ClauseDesk.Infrastructure;

/// <summary>Small facts about operating-system processes that the test fixtures share.</summary>
public static class Processes
{
    /// <summary>Whether a process with this id is still running (false once it exited or never was).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
