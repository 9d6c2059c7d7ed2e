namespace Aspire.Hosting.ApplicationModel;

/// <summary>A path in the resource's built image whose files other resources copy into theirs at publish.</summary>
public sealed class ContainerFilesSourceAnnotation : IResourceAnnotation
{
    public required string SourcePath { get; init; }
}
