using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>A .NET project of the solution, started from its built assembly.</summary>
public class ProjectResource(string name)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithServiceDiscovery, IResourceWithWaitSupport, IContainerFilesDestinationResource,
      IResourceWithProbes
{
    public IProjectMetadata Metadata =>
        this.TryGetLastAnnotation<ProjectMetadataAnnotation>(out var annotation)
            ? annotation.Metadata
            : throw new DistributedApplicationException($"Project resource '{Name}' has no project metadata.");
}
