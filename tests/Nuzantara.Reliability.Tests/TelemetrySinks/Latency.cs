using System.Diagnostics;

namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>Request latencies of a bounded load, as a caller measures them (connection set-up included).</summary>
public sealed record Latency(IReadOnlyList<double> SortedMilliseconds)
{
    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public override string ToString() => $"p50 {P50:0.0} ms, p99 {P99:0.0} ms";

    /// <summary><paramref name="count"/> GETs of <paramref name="path"/>, <paramref name="concurrency"/> at a time; every one must succeed.</summary>
    public static async Task<Latency> MeasureAsync(HttpClient client, string path, int count, int concurrency, CancellationToken cancellationToken)
    {
        var timings = new double[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, ct);
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
            });
        Array.Sort(timings);
        return new Latency(timings);
    }

    private double Percentile(double fraction) => SortedMilliseconds[(int)Math.Ceiling(fraction * SortedMilliseconds.Count) - 1];
}
