namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>One bounded load on a service whose telemetry goes to <see cref="Sink"/>: the callers' latency and the service's memory growth.</summary>
public sealed record SinkRun(string Sink, Latency Latency, long Growth)
{
    /// <summary>
    /// Every run against the baseline sink's runs (loaded before and after the others, the worse of them counting, so that
    /// a burst of load from elsewhere on the machine during either is absorbed): p99 at most twice the baseline's plus
    /// 20 ms, memory growth at most <paramref name="memoryAllowance"/> over the baseline's.
    /// </summary>
    /// <param name="memory">What <see cref="Growth"/> measures, for the failure message.</param>
    public static void AssertNoneWorseThan(string baseline, IReadOnlyList<SinkRun> runs, long memoryAllowance, string memory)
    {
        var baselineP99 = runs.Where(r => r.Sink == baseline).Max(r => r.Latency.P99);
        var baselineGrowth = Math.Max(0, runs.Where(r => r.Sink == baseline).Max(r => r.Growth));
        foreach (var (sink, latency, growth) in runs)
        {
            Assert.True(latency.P99 <= 2 * baselineP99 + 20, $"{sink}: {latency}, baseline p99 {baselineP99:0.0} ms");
            Assert.True(growth <= baselineGrowth + memoryAllowance,
                $"{sink}: {memory} grew {growth / 1048576.0:0.0} MB, baseline {baselineGrowth / 1048576.0:0.0} MB");
        }
    }
}
