namespace Nuzantara.Hosting.Orchestration.Replicas;

/// <summary>
/// One instance of a project WithReplicas runs: named <c>&lt;project&gt;-&lt;suffix&gt;</c> as Aspire names replicas, with the
/// project's annotations (environment, arguments, waits, health checks) but endpoints of its own, each on a port of
/// its own. Not part of the model: the orchestrator makes it, and the dashboard shows it under its project.
/// </summary>
internal sealed class ProjectReplicaResource : ProjectResource, IResourceWithParent<ProjectResource>
{
    public ProjectReplicaResource(ProjectResource parent, string name, string address) : base(name)
    {
        Parent = parent;
        foreach (var annotation in parent.Annotations.Where(a => a is not ReplicaAnnotation))
        {
            Annotations.Add(annotation is EndpointAnnotation endpoint ? OwnEndpoint(endpoint, address) : annotation);
        }
    }

    public ProjectResource Parent { get; }

    /// <summary>This replica's allocation of the project's endpoint <paramref name="endpointName"/>.</summary>
    public AllocatedEndpoint? Allocated(string endpointName) =>
        this.GetEndpoints().FirstOrDefault(e => string.Equals(e.Name, endpointName, StringComparison.OrdinalIgnoreCase))?.AllocatedEndpoint;

    private static EndpointAnnotation OwnEndpoint(EndpointAnnotation endpoint, string address)
    {
        var port = PortAllocator.FreePort();
        return new EndpointAnnotation(endpoint.Name, endpoint.UriScheme, endpoint.Transport)
        {
            Protocol = endpoint.Protocol,
            Port = port,
            TargetPort = port,
            TargetPortEnvironmentVariable = endpoint.TargetPortEnvironmentVariable,
            IsExternal = endpoint.IsExternal,
            AllocatedEndpoint = new AllocatedEndpoint(endpoint.UriScheme, address, port, port),
        };
    }
}
