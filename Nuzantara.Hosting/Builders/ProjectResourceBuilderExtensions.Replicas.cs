namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// Runs <paramref name="replicas"/> instances of the project, each its own process (named <c>&lt;name&gt;-&lt;suffix&gt;</c>)
    /// on its own port with its own health and <c>service.instance.id</c>. The project's endpoints are served by a
    /// round-robin forwarder in front of them, so what references the project reaches any healthy replica. The last
    /// call wins.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        return builder.WithAnnotation(new ReplicaAnnotation(replicas));
    }

    /// <summary>The number of instances WithReplicas asked for: 1 without it.</summary>
    internal static int ReplicaCount(this IResource resource) =>
        resource.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1;
}
