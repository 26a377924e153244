using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ClauseDesk.LoadBench;

/// <summary>What one level of closed-loop load measured. Latencies in milliseconds, exact from sorted samples.</summary>
public sealed record LevelResult(
    string Name,
    int Concurrency,
    double Seconds,
    long Succeeded,
    long Failed,
    IReadOnlyDictionary<string, long> Failures,
    double RequestsPerSecond,
    double P50,
    double P95,
    double P99,
    double Max,
    CpuShares Cpu,
    double ServerPeakRssMB);

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each sending its next request as soon as the previous
/// answer was read to the end, until the duration is over. Each request's latency (send to last body
/// byte) goes into one preallocated array; nothing is sampled away.
/// </summary>
public static class LoadRunner
{
    public static async Task<LevelResult> RunAsync(
        string name,
        HttpClient client,
        int concurrency,
        TimeSpan duration,
        Func<long, HttpRequestMessage> request,
        HttpStatusCode expected,
        ServerProcess server,
        int? databasePid)
    {
        // Room for 50,000 requests/s: far above what one machine reaches here.
        var capacity = (int)Math.Min(int.MaxValue / 2, Math.Max(100_000, duration.TotalSeconds * 50_000));
        var samples = new long[capacity];
        var recorded = -1;
        long succeeded = 0;
        long failed = 0;
        long sequence = 0;
        var failures = new ConcurrentDictionary<string, long>();

        var cpu = new CpuMeter(server.Pid, databasePid);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task Worker()
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var n = Interlocked.Increment(ref sequence);
                using var message = request(n);
                var before = Stopwatch.GetTimestamp();
                string? failure = null;
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (response.StatusCode != expected)
                    {
                        failure = $"HTTP {(int)response.StatusCode}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failure = e.GetType().Name;
                }

                var after = Stopwatch.GetTimestamp();
                if (failure is null)
                {
                    Interlocked.Increment(ref succeeded);
                    var slot = Interlocked.Increment(ref recorded);
                    if (slot < samples.Length)
                    {
                        samples[slot] = after - before;
                    }
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    failures.AddOrUpdate(failure, 1, (_, c) => c + 1);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var shares = cpu.Stop();

        var count = (int)Math.Min(samples.Length, succeeded);
        Array.Sort(samples, 0, count);
        var sorted = samples;
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double q) => count == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(q * count) - 1, 0, count - 1)]);

        return new LevelResult(
            name,
            concurrency,
            seconds,
            succeeded,
            failed,
            new Dictionary<string, long>(failures),
            succeeded / seconds,
            Percentile(0.50),
            Percentile(0.95),
            Percentile(0.99),
            count == 0 ? double.NaN : Ms(sorted[count - 1]),
            shares,
            server.PeakRssMB);
    }
}
