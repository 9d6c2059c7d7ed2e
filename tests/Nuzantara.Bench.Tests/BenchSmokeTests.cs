namespace Nuzantara.Bench.Tests;

public sealed class BenchSmokeTests
{
    /// <summary>
    /// The smoke run takes about a minute on a busy 2-core machine, plus the Node peer's npm install on a fresh clone, while
    /// CI runs every test project at once.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    private static readonly string[] Parts = ["instrumentation", "exporter", "peer", "health", "apphost", "scale"];

    [Fact]
    public async Task Smoke_run_of_every_bench_exits_0_and_prints_its_summary_lines()
    {
        var printed = await BenchScript.RunAsync(Bound, "bash", "bench/run.sh", "--smoke");
        foreach (var part in Parts)
        {
            var summaries = printed.Split('\n').Where(line => line.StartsWith($"[{part}] ", StringComparison.Ordinal)).ToList();
            // At least one figure, then the closing "done in" line.
            Assert.True(summaries.Count >= 2 && summaries[^1].Contains("done in", StringComparison.Ordinal),
                $"no summary lines from the {part} bench:\n{printed}");
        }
    }
}
