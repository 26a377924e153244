using System.Globalization;

namespace ClauseDesk.LoadBench;

/// <summary>Reads memory and CPU figures of processes and of the machine from /proc (Linux only).</summary>
public static class ProcStats
{
    /// <summary>Clock ticks per second of the utime/stime fields (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>A field of /proc/&lt;pid&gt;/status in kB (VmRSS, VmHWM), or 0 when the process is gone.</summary>
    public static long StatusKilobytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>utime + stime of a process in ticks; with <paramref name="children"/>, also its waited-for children's.</summary>
    public static long CpuTicks(int pid, bool children = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }

        // After "pid (comm)": state is field 3, so utime (14) is index 11 of the rest.
        var total = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (children)
        {
            total += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return total;
    }

    /// <summary>CPU ticks of a process tree rooted at <paramref name="root"/> (live descendants plus reaped children).</summary>
    public static long TreeCpuTicks(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && StatFields(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var total = CpuTicks(root, children: true);
        foreach (var (pid, _) in parents)
        {
            if (pid != root && Descends(pid, root, parents))
            {
                total += CpuTicks(pid, children: true);
            }
        }

        return total;
    }

    private static bool Descends(int pid, int root, Dictionary<int, int> parents)
    {
        for (var depth = 0; depth < 16 && parents.TryGetValue(pid, out var parent); depth++)
        {
            if (parent == root)
            {
                return true;
            }

            pid = parent;
        }

        return false;
    }

    /// <summary>Busy and total ticks of all CPUs of the machine since boot (/proc/stat).</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name: index 0 is the state.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The machine in one line: logical CPUs, CPU model, memory and OS.</summary>
    public static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = StatusLine("/proc/meminfo", "MemTotal");
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "Linux"
            : "Linux";
        var gib = memory / 1024.0 / 1024.0;
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs ({model}), {gib:0.0} GiB, {os}, .NET {Environment.Version}");
    }

    private static long StatusLine(string file, string field)
    {
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

/// <summary>CPU shares of the server, the database server, the load generator and the machine over an interval.</summary>
public sealed class CpuMeter
{
    private readonly int _server;
    private readonly int? _database;
    private readonly long _serverStart;
    private readonly long _databaseStart;
    private readonly long _selfStart;
    private readonly (long Busy, long Total) _machineStart;
    private readonly long _started;

    public CpuMeter(int server, int? database)
    {
        _server = server;
        _database = database;
        _serverStart = ProcStats.CpuTicks(server);
        _databaseStart = database is { } db ? ProcStats.TreeCpuTicks(db) : 0;
        _selfStart = ProcStats.CpuTicks(Environment.ProcessId);
        _machineStart = ProcStats.MachineTicks();
        _started = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Percent of one CPU used since the start (200 % = both cores of a 2-core machine).</summary>
    public CpuShares Stop()
    {
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds;
        double Percent(long ticks) => ticks / ProcStats.TicksPerSecond / seconds * 100;
        var machine = ProcStats.MachineTicks();
        var busy = machine.Busy - _machineStart.Busy;
        var total = machine.Total - _machineStart.Total;
        return new CpuShares(
            Percent(ProcStats.CpuTicks(_server) - _serverStart),
            _database is { } db ? Percent(ProcStats.TreeCpuTicks(db) - _databaseStart) : null,
            Percent(ProcStats.CpuTicks(Environment.ProcessId) - _selfStart),
            total == 0 ? 0 : 100.0 * busy / total);
    }
}

/// <summary>Server, database and load generator in % of one CPU; machine in % of all CPUs.</summary>
public sealed record CpuShares(double Server, double? Database, double LoadGenerator, double MachineBusy)
{
    /// <summary>What other processes of the machine used, in % of one CPU: a sign the figures were disturbed.</summary>
    public double Others => Math.Max(0, (MachineBusy * Environment.ProcessorCount) - Server - (Database ?? 0) - LoadGenerator);
}
