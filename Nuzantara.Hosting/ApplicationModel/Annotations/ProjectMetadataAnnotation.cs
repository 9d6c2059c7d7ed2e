namespace Nuzantara.Hosting.ApplicationModel;

public sealed class ProjectMetadataAnnotation(IProjectMetadata metadata) : IResourceAnnotation
{
    public IProjectMetadata Metadata { get; } = metadata;
}
