namespace Nuzantara.AspireCorpus;

/// <summary>
/// The checker's builds share the SDK's compiler server (VBCSCompiler), as a developer's builds do: a warm compiler built
/// tests/AspireCorpus in 4–7 s where a new compiler process per project took 14–16 s. The server outlives the builds
/// (ten idle minutes), so whoever runs the checker stops it at the end.
/// </summary>
public static class CompilerServer
{
    /// <summary>
    /// For every build the checker runs. Explicit, because environments that keep no build server (CI images, this
    /// project's sandbox) set <c>UseSharedCompilation=false</c>, which MSBuild reads from the environment; the checker
    /// stops the server itself.
    /// </summary>
    public const string BuildProperty = "-p:UseSharedCompilation=true";

    /// <summary>Stops the compiler server once the compilations it is running have finished; none running is fine.</summary>
    public static async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        var run = await ProcessRunner.RunAsync("dotnet", ["build-server", "shutdown", "--vbcscompiler"], Environment.CurrentDirectory, TimeSpan.FromMinutes(1), cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet build-server shutdown --vbcscompiler' failed (exit code {run.ExitCode}): {ManifestCheck.LastLines(run.Output)}");
        }
    }
}
