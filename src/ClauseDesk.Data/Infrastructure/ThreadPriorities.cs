using System.Runtime.InteropServices;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Request threads yield the processor to the group writer: every creation waits for that one
/// thread, so when both cores are busy it should be the last to wait for them. A thread may always
/// lower its own priority (raising the writer's would need privileges), so request threads lower
/// theirs, once each. Linux only; elsewhere nothing changes. The writer's own thread only wakes it:
/// after its first wait for the database it goes on in the pool, on such lowered threads too
/// (decision 0024).
/// </summary>
public static class ThreadPriorities
{
    // Nice 3: about half the processor share of the writer's nice 0 when both want it.
    private const int RequestNice = 3;

    [ThreadStatic]
    private static bool _lowered;

    /// <summary>Lowers the calling thread's priority once; called on the way into every request.</summary>
    public static void LowerForRequests()
    {
        if (_lowered || !OperatingSystem.IsLinux())
        {
            return;
        }

        _lowered = true;
        try
        {
            // PRIO_PROCESS with a thread id sets that thread's nice value on Linux.
            _ = SetPriority(0, (int)GetThreadId(), RequestNice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not a glibc system: leave the thread as it is.
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern uint GetThreadId();
}
