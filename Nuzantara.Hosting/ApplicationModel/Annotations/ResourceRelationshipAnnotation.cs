namespace Aspire.Hosting.ApplicationModel;

/// <summary>A named edge to another resource ("Reference", "Parent"), shown by the dashboard and walked by validation.</summary>
public sealed class ResourceRelationshipAnnotation(IResource resource, string type) : IResourceAnnotation
{
    public IResource Resource { get; } = resource;

    public string Type { get; } = type;
}
