using Aspire.Hosting.JavaScript;
using Aspire.Hosting.Python;
using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The non-root user a published container runs as, stated in the output (Compose <c>user:</c>, Kubernetes
/// <c>securityContext</c>) rather than left to the image, so that a cluster enforcing <c>runAsNonRoot</c> can verify it
/// (it cannot for an image whose USER is a name, such as Prometheus' <c>nobody</c>). Each is the user its image already
/// runs as. None for PostgreSQL and Redis, whose official entrypoints start as root to take ownership of the data
/// directory and then drop to their own user themselves, nor for cAdvisor, which reads the host's container state as root.
/// </summary>
internal sealed record ContainerUser(long Uid, long? Gid)
{
    /// <summary>The <c>app</c> user of Microsoft's .NET images (<c>APP_UID</c>): the projects' images and the Aspire dashboard.</summary>
    public static readonly ContainerUser DotNetApp = new(1654, 1654);

    /// <summary><c>nobody</c>, the USER of the Prometheus project's images.</summary>
    private static readonly ContainerUser Nobody = new(65534, 65534);

    public static ContainerUser? For(DeployedResource deployed) => deployed.Build?.Generated is null ? For(deployed.Resource) : deployed.Resource switch
    {
        // The generated Dockerfiles' users: appuser (groupadd/useradd --gid 999 --uid 999), and the node images' node.
        PythonAppResource => new ContainerUser(999, 999),
        NodeAppResource => new ContainerUser(1000, 1000),
        _ => null,
    };

    private static ContainerUser? For(IResource resource) => resource switch
    {
        ProjectResource => DotNetApp,
        // Nuzantara.PythonBackend/Dockerfile: USER 10001, whose group useradd picks; the image's passwd entry gives it.
        PythonAppResource => new ContainerUser(10001, null),
        PrometheusResource or AlertmanagerResource or NodeExporterResource or PostgresExporterResource => Nobody,
        // oliver006/redis_exporter: USER 59000:59000.
        RedisExporterResource => new ContainerUser(59000, 59000),
        _ => null,
    };

    /// <summary>Compose's <c>user:</c> value, <c>uid[:gid]</c>.</summary>
    public override string ToString() => Gid is { } gid ? $"{Uid}:{gid}" : $"{Uid}";
}
