namespace Aspire.Hosting;

/// <summary>
/// Implemented by the <c>Projects.*</c> classes that the AppHost build generates from its ProjectReferences,
/// as Aspire's SDK does.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the built assembly, so the runtime can start it without another build.</summary>
    string TargetPath => string.Empty;

    /// <summary>Whether <see cref="ProjectPath"/> is a C# file run by <c>dotnet run</c> (.NET 10 file-based apps) rather than a project file.</summary>
    bool IsFileBasedApp => false;
}
