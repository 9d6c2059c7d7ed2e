namespace Nuzantara.AspireCorpus;

/// <summary>
/// Runs an AppHost that compiled. Its project file is written again with its services as ProjectReferences, so that
/// building it builds them as a user's build does, their packages restored from the configured sources; then it is
/// started, watched and stopped (<see cref="AppHostRun"/>).
/// </summary>
public static class RunCheck
{
    /// <summary>Longer than the engine's 2 min WaitFor timeout, so that a resource waiting on a failed one has failed by then.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);

    public static async Task<AppHostRun.Outcome> RunAsync(
        CorpusProject project, ProjectFileRewriter rewriter, IReadOnlyCollection<string> appHostPaths, string workFolder, CancellationToken cancellationToken)
    {
        rewriter.Rewrite(project, appHostPaths, buildServices: true);
        var build = await ProcessRunner.RunAsync(
            "dotnet",
            ["build", project.BuildPath, "-nologo", "-nodeReuse:false", "-clp:ErrorsOnly;NoSummary", CompilerServer.BuildProperty,
                // The services keep their corpus's Directory.Build.props. Where this feed serves only newer versions of
                // their packages, restore warns (NU1603: the next version taken; NU1605: a direct reference now older than
                // a dependency asks for); that must not stop them where warnings are errors.
                "-p:TreatWarningsAsErrors=false", "-p:WarningsAsErrors="],
            Path.GetDirectoryName(project.BuildPath)!,
            TimeSpan.FromMinutes(15),
            cancellationToken);
        if (build.ExitCode != 0)
        {
            var errors = BuildError.ParseAll(build.Output)
                .Select(e => $"{Path.GetFileNameWithoutExtension(e.Project)}: {e.Code} {e.Message}").Distinct().ToList();
            var why = errors.Count == 0 ? ManifestCheck.LastLines(build.Output) : string.Join("; ", errors.Take(3)) + (errors.Count > 3 ? $"; +{errors.Count - 3} more" : "");
            return new AppHostRun.Outcome($"its services did not build: {why}", [], null, null, [], "");
        }

        return await AppHostRun.RunAsync(project, workFolder, SettleTimeout, cancellationToken);
    }
}
