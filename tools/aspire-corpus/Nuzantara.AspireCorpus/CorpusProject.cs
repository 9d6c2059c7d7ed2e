namespace Nuzantara.AspireCorpus;

/// <summary>What a corpus project is to the checker: an AppHost it publishes, or a test project it only compiles.</summary>
public enum CorpusProjectKind
{
    AppHost,
    TestProject,
}

/// <summary>
/// An Aspire project found in a corpus folder. <paramref name="ProjectPath"/> is the project file in the scratch copy
/// (for a file-based AppHost, the <c>.cs</c> file it is made from); <paramref name="DisplayPath"/> the same path relative
/// to the corpus folder, as the report names it.
/// </summary>
public sealed record CorpusProject(string CorpusRoot, string ProjectPath, string DisplayPath, CorpusProjectKind Kind, bool IsFileBased)
{
    /// <summary>The project file the checker builds: for a file-based AppHost, the one it writes beside the file.</summary>
    public string BuildPath => IsFileBased ? Path.ChangeExtension(ProjectPath, ".csproj") : ProjectPath;

    public string Name => Path.GetFileNameWithoutExtension(IsFileBased ? Path.GetDirectoryName(ProjectPath)! : ProjectPath);
}
