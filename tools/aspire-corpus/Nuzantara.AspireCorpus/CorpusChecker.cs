namespace Nuzantara.AspireCorpus;

/// <summary>
/// Options of a run: where to work, whether to publish, whether the restore may use the network, compilation symbols to
/// define in every project (what a corpus's own Directory.Build.* would define, which the checker does not import:
/// Aspire's playground defines SKIP_DASHBOARD_REFERENCE outside its repository), and whether to run each AppHost that
/// compiles (its services are then built from the configured package sources, whatever <paramref name="Offline"/> says).
/// </summary>
public sealed record CorpusOptions(string Scratch, bool Publish = true, bool Offline = true, IReadOnlyList<string>? Defines = null, bool Run = false);

/// <summary>
/// Copies each corpus folder to the scratch folder, rewrites its Aspire projects' files onto this engine, builds them
/// all, publishes and validates the manifest of each AppHost that compiled and, when asked, runs it.
/// </summary>
public sealed class CorpusChecker(string engineRoot)
{
    private readonly string corpusTargets = Path.Combine(engineRoot, "tools", "aspire-corpus", "build");

    /// <summary>The repository this checker belongs to: the folder above its assembly that holds Nuzantara.sln.</summary>
    public static string FindEngineRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Nuzantara.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Nuzantara.sln above {AppContext.BaseDirectory}: run the checker from its repository (tools/aspire-corpus/check.sh).");
    }

    public async Task<CorpusResult> CheckAsync(IReadOnlyList<string> corpusFolders, CorpusOptions options, CancellationToken cancellationToken = default)
    {
        options = options with { Scratch = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Scratch)) };
        Directory.CreateDirectory(options.Scratch);
        var projects = new List<CorpusProject>();
        foreach (var (folder, index) in corpusFolders.Select((f, i) => (Path.GetFullPath(f), i)))
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The corpus folder '{folder}' does not exist.");
            }

            var copy = Path.Combine(options.Scratch, $"{index}-{Path.GetFileName(folder.TrimEnd('/'))}");
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }

            ScratchCopy.Copy(folder, copy);
            projects.AddRange(CorpusDiscovery.Find(copy));
        }

        var rewriter = new ProjectFileRewriter(engineRoot, corpusTargets, options.Defines ?? []);
        var appHostPaths = projects.Where(p => p.Kind == CorpusProjectKind.AppHost).Select(p => Path.GetFullPath(p.BuildPath)).ToHashSet();
        var aspireReferences = projects.ToDictionary(p => p, p => rewriter.Rewrite(p, appHostPaths));

        var build = await CorpusBuild.RunAsync(projects.Select(p => p.BuildPath).ToList(), options.Scratch, options.Offline, cancellationToken);

        var results = new List<ProjectResult>();
        foreach (var (project, index) in projects.Select((p, i) => (p, i)))
        {
            var path = Path.GetFullPath(project.BuildPath);
            var compiles = build.Built.Contains(path);
            var errors = build.Errors.Where(e => Path.GetFullPath(e.Project) == path).ToList();
            ManifestCheck.Outcome? manifest = null;
            if (compiles && options.Publish && project.Kind == CorpusProjectKind.AppHost)
            {
                manifest = await ManifestCheck.RunAsync(project, Path.Combine(options.Scratch, "manifests", $"{index}-{project.Name}"), cancellationToken);
            }

            AppHostRun.Outcome? run = null;
            if (compiles && options.Run && project.Kind == CorpusProjectKind.AppHost)
            {
                run = await RunCheck.RunAsync(project, rewriter, appHostPaths, Path.Combine(options.Scratch, "runs", $"{index}-{project.Name}"), cancellationToken);
            }

            results.Add(new ProjectResult(project, aspireReferences[project], compiles, errors, manifest) { Run = run });
        }

        // The engine's errors, or the generated solution's; a corpus's own service projects failing is the corpus's story.
        var otherErrors = build.Errors
            .Where(e => !Path.GetFullPath(e.Project).StartsWith(options.Scratch + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || Path.GetDirectoryName(Path.GetFullPath(e.Project)) == options.Scratch)
            .ToList();
        return new CorpusResult(results, otherErrors, build.Log);
    }
}
