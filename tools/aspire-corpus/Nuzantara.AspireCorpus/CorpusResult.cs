namespace Nuzantara.AspireCorpus;

/// <summary>What the checker found for one corpus project.</summary>
public sealed record ProjectResult(
    CorpusProject Project,
    IReadOnlyList<string> AspireReferences,
    bool Compiles,
    IReadOnlyList<BuildError> Errors,
    ManifestCheck.Outcome? Manifest)
{
    /// <summary>Each missing API once, with how many errors name it, most first.</summary>
    public IReadOnlyList<(string Api, int Errors)> MissingApis { get; } = Errors
        .GroupBy(e => e.MissingApi)
        .Select(g => (g.Key, g.Count()))
        .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)
        .ToList();

    /// <summary>Did not compile only because a project it references (its AppHost) did not.</summary>
    public bool BlockedByReference => !Compiles && Errors.Count == 0;

    public bool ManifestValid => Manifest is { Published: true, Problems.Count: 0 };

    /// <summary>How the AppHost ran, when the checker was asked to run it and it compiled.</summary>
    public AppHostRun.Outcome? Run { get; init; }
}

/// <summary>
/// Everything one run of the checker found. <paramref name="OtherErrors"/> are the build's errors that belong to no
/// corpus project (the generated solution, or the engine itself): when there are any, the per-project results mean little.
/// </summary>
public sealed record CorpusResult(IReadOnlyList<ProjectResult> Projects, IReadOnlyList<BuildError> OtherErrors, string BuildLog)
{
    public int Compiling => Projects.Count(p => p.Compiles);

    /// <summary>Every missing API across the corpus: in how many projects, and in how many errors.</summary>
    public IReadOnlyList<(string Api, int Projects, int Errors)> MissingApis => Projects
        .SelectMany(p => p.MissingApis.Select(m => (p, m.Api, m.Errors)))
        .GroupBy(x => x.Api)
        .Select(g => (g.Key, g.Count(), g.Sum(x => x.Errors)))
        .OrderByDescending(g => g.Item2).ThenByDescending(g => g.Item3).ThenBy(g => g.Key, StringComparer.Ordinal)
        .ToList();
}
