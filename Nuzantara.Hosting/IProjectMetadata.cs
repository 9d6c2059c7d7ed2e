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
}
