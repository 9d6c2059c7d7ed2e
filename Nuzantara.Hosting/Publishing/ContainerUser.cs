namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The non-root user a published container runs as, stated in the output (Compose <c>user:</c>, Kubernetes
/// <c>securityContext</c>) rather than left to the image, so that a cluster enforcing <c>runAsNonRoot</c> can verify it
/// (it cannot for an image whose USER is a name, such as Prometheus' <c>nobody</c>). Each is the user its image already
/// runs as, which its integration states (<see cref="PublishedContainerUserAnnotation"/>); none where it states none,
/// as for images whose entrypoints start as root and drop to their own user themselves.
/// </summary>
internal sealed record ContainerUser(long Uid, long? Gid)
{
    /// <summary>The <c>app</c> user of Microsoft's .NET images (<c>APP_UID</c>): the projects' images and the Aspire dashboard.</summary>
    public static readonly ContainerUser DotNetApp = new(1654, 1654);

    /// <summary><c>nobody</c>, the USER of the Prometheus project's images.</summary>
    public static readonly ContainerUser Nobody = new(65534, 65534);

    /// <summary>The user of a generated Dockerfile's image, or the image's as its integration states it; a project's image is .NET's.</summary>
    public static ContainerUser? For(DeployedResource deployed) => deployed.Build?.Generated is null
        ? deployed.Resource.OfAnnotation<PublishedContainerUserAnnotation>().LastOrDefault()?.User ?? (deployed.Resource is ProjectResource ? DotNetApp : null)
        : deployed.Resource.OfAnnotation<GeneratedDockerfileAnnotation>().LastOrDefault()?.User;

    /// <summary>Compose's <c>user:</c> value, <c>uid[:gid]</c>.</summary>
    public override string ToString() => Gid is { } gid ? $"{Uid}:{gid}" : $"{Uid}";
}
