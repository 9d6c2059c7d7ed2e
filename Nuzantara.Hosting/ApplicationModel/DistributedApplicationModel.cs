namespace Aspire.Hosting.ApplicationModel;

/// <summary>The resources of the application, as built.</summary>
public class DistributedApplicationModel(IResourceCollection resources)
{
    public DistributedApplicationModel(IEnumerable<IResource> resources)
        : this(ToCollection(resources))
    {
    }

    public IResourceCollection Resources { get; } = resources;

    public IResource Find(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new DistributedApplicationException($"The application has no resource named '{name}'. It has: {string.Join(", ", Resources.Select(r => r.Name))}.");

    private static ResourceCollection ToCollection(IEnumerable<IResource> resources)
    {
        var collection = new ResourceCollection();
        foreach (var resource in resources)
        {
            collection.Add(resource);
        }

        return collection;
    }
}
