using System.Diagnostics;

namespace Nuzantara.Bench.Tests;

public sealed class BenchSmokeTests
{
    /// <summary>
    /// The smoke run takes about a minute on a busy 2-core machine, plus the Node peer's npm install on a fresh clone, while
    /// CI runs every test project at once; past this bound it counts as hanging (a guard, not a timing).
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    private static readonly string[] Parts = ["instrumentation", "exporter", "peer", "health", "apphost", "scale"];

    [Fact]
    public async Task Smoke_run_of_every_bench_exits_0_and_prints_its_summary_lines()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", ["bench/run.sh", "--smoke"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM, not Kill: the harness then stops the servers it started instead of orphaning them.
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Fail($"bench/run.sh --smoke took longer than {Bound.TotalSeconds} s:\n{await output}\n{await errors}");
        }

        var printed = await output;
        Assert.True(process.ExitCode == 0, $"bench/run.sh --smoke exited {process.ExitCode}:\n{printed}\n{await errors}");
        foreach (var part in Parts)
        {
            var summaries = printed.Split('\n').Where(line => line.StartsWith($"[{part}] ", StringComparison.Ordinal)).ToList();
            // At least one figure, then the closing "done in" line.
            Assert.True(summaries.Count >= 2 && summaries[^1].Contains("done in", StringComparison.Ordinal),
                $"no summary lines from the {part} bench:\n{printed}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "bench", "run.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"bench/run.sh not found above {AppContext.BaseDirectory}");
    }
}
