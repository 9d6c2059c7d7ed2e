using System.Security.Cryptography;
using System.Text;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// How the container runtime names what it creates in the engine. Everything carries the AppHost id: the first 8 hex
/// digits of the SHA-256 of the state directory's full path. One state directory is held by one AppHost at a time (its
/// lock file), so removing containers labelled with this id at start removes only what a previous run of this same
/// AppHost left behind, never another checkout's. Named volumes keep their data across runs as long as the state
/// directory stays where it is.
/// </summary>
internal static class ContainerNames
{
    public const string ResourceLabel = "nuzantara.resource";
    public const string AppHostLabel = "nuzantara.apphost";
    public const string StateDirectoryLabel = "nuzantara.state-directory";

    /// <summary><c>persistent</c> on a container WithLifetime(ContainerLifetime.Persistent) made: the next run reuses it rather than removing it.</summary>
    public const string LifetimeLabel = "nuzantara.lifetime";

    /// <summary>On a persistent container: the hash of what it was created with (<see cref="ContainerConfigurationHash"/>).</summary>
    public const string ConfigurationHashLabel = "nuzantara.configuration-hash";

    public const string PersistentLifetime = "persistent";

    public static string AppHostId(HostingOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StateDirectory(options))))[..8];

    /// <summary>The state directory's full path, without a trailing separator: what the AppHost id is computed from.</summary>
    public static string StateDirectory(HostingOptions options) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.StateDirectory));

    /// <summary><c>nuzantara-&lt;apphost&gt;-&lt;resource&gt;</c>, or the name WithContainerName gave it.</summary>
    public static string Container(string appHostId, IResource resource) =>
        resource.TryGetLastAnnotation<ContainerNameAnnotation>(out var named) ? named.Name : $"nuzantara-{appHostId}-{resource.Name.ToLowerInvariant()}";

    /// <summary><c>nuzantara-&lt;apphost&gt;-&lt;volume&gt;</c>: a volume of the model, shared by every resource that mounts it.</summary>
    public static string? Volume(string appHostId, ContainerMountAnnotation volume) =>
        volume.Source is { } name ? Volume(appHostId, name) : null;

    public static string Volume(string appHostId, string volumeName) => $"nuzantara-{appHostId}-{volumeName}";
}
