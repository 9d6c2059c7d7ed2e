namespace Nuzantara.Hosting.Orchestration.Replicas;

/// <summary>
/// Which replica the current flow runs for. A project's own callbacks refer to the project's endpoints (its
/// <c>ASPNETCORE_URLS</c>, its HTTP health check); while a replica is launched and checked, those references mean the
/// replica's endpoints, so each instance listens on, and is probed at, its own port. Everywhere else (what references
/// the project) they stay the project's, where the forwarder listens.
/// </summary>
internal static class ReplicaScope
{
    private static readonly AsyncLocal<ProjectReplicaResource?> Current = new();

    /// <summary>For the rest of the calling flow: the replica's run loop, launches and health checks.</summary>
    public static void Enter(IResource resource) => Current.Value = resource as ProjectReplicaResource;

    /// <summary>The current replica's allocation of <paramref name="resource"/>'s endpoint, when the flow runs for a replica of it.</summary>
    public static AllocatedEndpoint? Allocated(IResource resource, string endpointName) =>
        Current.Value is { } replica && ReferenceEquals(replica.Parent, resource) ? replica.Allocated(endpointName) : null;
}
