namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource's snapshot as it was published. Resources run one instance here, so the id is the resource's name.</summary>
public class ResourceEvent(IResource resource, string resourceId, CustomResourceSnapshot snapshot)
{
    public IResource Resource { get; } = resource;

    public string ResourceId { get; } = resourceId;

    public CustomResourceSnapshot Snapshot { get; } = snapshot;
}
