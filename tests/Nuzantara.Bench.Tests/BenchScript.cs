using System.Diagnostics;
using System.Globalization;

namespace Nuzantara.Bench.Tests;

/// <summary>
/// Runs one of bench/'s scripts from the repository's root. Past its bound it counts as hanging (a guard, not a timing)
/// and gets SIGTERM, not Kill: the scripts then stop the servers they started instead of orphaning them.
/// </summary>
internal static class BenchScript
{
    public static async Task<string> RunAsync(TimeSpan bound, string program, params string[] arguments)
    {
        var command = string.Join(' ', [program, .. arguments]);
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Fail($"{command} took longer than {bound.TotalSeconds} s:\n{await output}\n{await errors}");
        }

        var printed = await output;
        Assert.True(process.ExitCode == 0, $"{command} exited {process.ExitCode}:\n{printed}\n{await errors}");
        return printed;
    }
}
