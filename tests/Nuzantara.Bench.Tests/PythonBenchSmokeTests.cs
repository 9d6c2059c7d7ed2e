namespace Nuzantara.Bench.Tests;

/// <summary>
/// The Python service's own benches (bench/python/), which bench/run.sh does not run, in their smoke modes: a few
/// requests each, so that they keep working. Their figures are not read.
/// </summary>
public sealed class PythonBenchSmokeTests
{
    /// <summary>Each takes 2–8 s on a quiet 2-core machine; CI runs every test project at once.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Rank_bench_measures_with_and_without_telemetry()
    {
        var printed = await BenchScript.RunAsync(Bound, "bash", "bench/python/rank.sh", "--smoke");

        Assert.Matches(@"(?m)^  with telemetry: +[0-9.]+ req/s, p50 [0-9.]+ ms", printed);
        Assert.Matches(@"(?m)^  without telemetry: [0-9.]+ req/s, p50 [0-9.]+ ms", printed);
        Assert.Matches(@"(?m)^  ratio: [0-9.]+ % of the throughput", printed);
    }

    [Fact]
    public async Task Cache_state_bench_measures_plain_and_traces_off_at_each_sweep_size()
    {
        var printed = await BenchScript.RunAsync(Bound, "bash", "bench/lib/with-prerequisites.sh", "/usr/bin/python3", "bench/python/cache_state.py", "--smoke");

        foreach (var kilobytes in new[] { 0, 64 })
        {
            Assert.Matches($@"(?m)^ *{kilobytes} KB written between requests: plain [0-9,]+, traces off [0-9,]+ \([+-][0-9]+ µs, [0-9.]+% of plain kept\)", printed);
        }
    }
}
