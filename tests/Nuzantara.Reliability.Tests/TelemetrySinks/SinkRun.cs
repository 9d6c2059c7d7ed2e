namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>One bounded load on a service whose telemetry goes to <see cref="Sink"/>: the callers' latency and the service's memory growth.</summary>
public sealed record SinkRun(string Sink, Latency Latency, long Growth)
{
    /// <summary>
    /// Every sink against the baseline sink's runs (loaded before, between and after the others): p99 at most twice the
    /// baseline's plus 20 ms, memory growth at most <paramref name="memoryAllowance"/> over the baseline's. Latency takes
    /// the baseline's worst run and each sink's best, so that a burst of load from elsewhere on the machine during any
    /// one run is absorbed, while a cost a sink really adds shows in every one of its runs (each sink is loaded at least
    /// twice). Memory takes every run: growth is not what outside load moves.
    /// </summary>
    /// <param name="memory">What <see cref="Growth"/> measures, for the failure message.</param>
    public static void AssertNoneWorseThan(string baseline, IReadOnlyList<SinkRun> runs, long memoryAllowance, string memory)
    {
        var baselineP99 = runs.Where(r => r.Sink == baseline).Max(r => r.Latency.P99);
        var baselineGrowth = Math.Max(0, runs.Where(r => r.Sink == baseline).Max(r => r.Growth));
        foreach (var sink in runs.GroupBy(r => r.Sink))
        {
            Assert.True(sink.Count() >= 2, $"{sink.Key} was loaded once: load every sink at least twice");
            var best = sink.MinBy(r => r.Latency.P99)!;
            Assert.True(best.Latency.P99 <= 2 * baselineP99 + 20,
                $"{sink.Key}: best of {sink.Count()} runs {best.Latency}, baseline p99 {baselineP99:0.0} ms");
            foreach (var run in sink)
            {
                Assert.True(run.Growth <= baselineGrowth + memoryAllowance,
                    $"{sink.Key}: {memory} grew {run.Growth / 1048576.0:0.0} MB, baseline {baselineGrowth / 1048576.0:0.0} MB");
            }
        }
    }
}
