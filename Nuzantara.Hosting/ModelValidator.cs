
namespace Nuzantara.Hosting;

/// <summary>Build-time checks of the model, so that mistakes fail at <c>Build()</c> with the resources named, not as a hang at run time.</summary>
internal static class ModelValidator
{
    public static void Validate(IReadOnlyList<IResource> resources)
    {
        var known = resources.ToHashSet();
        foreach (var resource in resources)
        {
            foreach (var wait in resource.OfAnnotation<WaitAnnotation>())
            {
                if (!known.Contains(wait.Resource))
                {
                    throw new DistributedApplicationException(
                        $"Resource '{resource.Name}' waits for '{wait.Resource.Name}', which is not part of the application: add it with builder.Add… before calling WaitFor.");
                }

                if (ReferenceEquals(wait.Resource, resource))
                {
                    throw new DistributedApplicationException($"Resource '{resource.Name}' waits for itself: remove that WaitFor.");
                }
            }

            foreach (var relationship in resource.OfAnnotation<ResourceRelationshipAnnotation>())
            {
                if (!known.Contains(relationship.Resource))
                {
                    throw new DistributedApplicationException(
                        $"Resource '{resource.Name}' references '{relationship.Resource.Name}', which is not part of the application: add it with builder.Add… first.");
                }
            }
        }

        var cycle = FindCycle(resources);
        if (cycle is not null)
        {
            throw new DistributedApplicationException(
                $"Resources wait for each other in a cycle: {string.Join(" → ", cycle.Select(r => r.Name))}. " +
                "Break the cycle: a resource can only wait for resources that do not wait for it.");
        }
    }

    /// <summary>Resources a resource uses, which stop after it: what it waits for, references, and its parent.</summary>
    public static IEnumerable<IResource> Dependencies(IResource resource) =>
        StartDependencies(resource)
            .Concat(resource.OfAnnotation<ResourceRelationshipAnnotation>().Where(r => r.Type == ResourceRelationshipTypes.Reference).Select(r => r.Resource))
            .Where(r => r is not ParameterResource)
            .Distinct();

    /// <summary>
    /// Resources that must be up before a resource starts: what it waits for and its parent. References alone do not
    /// order starts (ports are allocated before anything starts), so two resources may reference each other, as in
    /// Aspire (a YARP gateway in front of a frontend that calls back through it).
    /// </summary>
    private static IEnumerable<IResource> StartDependencies(IResource resource) =>
        resource.OfAnnotation<WaitAnnotation>().Select(w => w.Resource)
            .Concat(resource is IResourceWithParent child ? [child.Parent] : []);

    private static List<IResource>? FindCycle(IReadOnlyList<IResource> resources)
    {
        var state = new Dictionary<IResource, bool>(); // false: on the current path, true: done
        var path = new List<IResource>();

        List<IResource>? Visit(IResource resource)
        {
            if (state.TryGetValue(resource, out var done))
            {
                return done ? null : [.. path.SkipWhile(r => !ReferenceEquals(r, resource)), resource];
            }

            state[resource] = false;
            path.Add(resource);
            foreach (var dependency in StartDependencies(resource).Distinct())
            {
                if (Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[resource] = true;
            return null;
        }

        return resources.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
