
namespace Nuzantara.Hosting.Publishing;

/// <summary>What a resource becomes once published.</summary>
internal enum DeploymentKind
{
    /// <summary>A value supplied where the application is deployed: <c>parameter.v0</c>, a <c>.env</c> variable, a Secret.</summary>
    Parameter,

    /// <summary>A connection string made of other resources' values (a database on a server); nothing of its own runs.</summary>
    Value,

    /// <summary>A .NET project, run as the container image its build publishes.</summary>
    Project,

    /// <summary>An app run as the image built from the Dockerfile in its folder.</summary>
    Dockerfile,

    /// <summary>A container image, or one built from a Dockerfile (<see cref="DeployedResource.Build"/>).</summary>
    Container,

    /// <summary>A command run on the deployment's machine (<c>executable.v0</c>); only the manifest can express it.</summary>
    Executable,
}

/// <summary>
/// A resource as every publisher sees it, evaluated once in publish mode. Values stay symbolic (strings, parameters,
/// endpoint references): each publisher renders them in its own syntax, and none is resolved on this machine.
/// </summary>
internal sealed class DeployedResource
{
    public required IResource Resource { get; init; }

    public required DeploymentKind Kind { get; init; }

    public string Name => Resource.Name;

    /// <summary>The full image name of a <see cref="DeploymentKind.Container"/> pulled from a registry; null for an image the deployment builds.</summary>
    public string? Image { get; init; }

    /// <summary>How the deployment builds the image of a <see cref="DeploymentKind.Dockerfile"/> app, or of a container from AddDockerfile.</summary>
    public DeployedBuild? Build { get; init; }

    /// <summary>The image only carries built files for other images and runs nothing: no service, pod or container of its own.</summary>
    public bool IsBuildOnly => Build?.BuildOnly == true;

    /// <summary>Whether the deployment builds the image (a project, a Dockerfile) rather than pulling it.</summary>
    public bool IsBuilt => Kind == DeploymentKind.Project || Build is not null;

    public string? Entrypoint { get; init; }

    /// <summary>Strings and value providers.</summary>
    public IReadOnlyList<object> Args { get; init; } = [];

    /// <summary>Strings and value providers, as the environment callbacks produce them in publish mode.</summary>
    public IReadOnlyDictionary<string, object> Environment { get; init; } = new Dictionary<string, object>();

    public IReadOnlyList<DeployedEndpoint> Endpoints { get; init; } = [];

    public IReadOnlyList<DeployedMount> Mounts { get; init; } = [];

    /// <summary>The deployed resources this one waits for (a database's wait is its server's).</summary>
    public IReadOnlyList<DeployedWait> Waits { get; init; } = [];

    public HealthProbe? Probe { get; init; }

    /// <summary>How the resource exports OpenTelemetry data, when it does.</summary>
    public OtlpProtocol? Telemetry { get; init; }

    public DeployedEndpoint Endpoint(string name) =>
        Endpoints.Single(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An endpoint with the port its process listens on in a container (<see cref="TargetPort"/>).</summary>
/// <param name="DeclaredTargetPort">The target port the model states; null leaves it to the deployment, as Aspire's manifest does for projects.</param>
/// <param name="Port">The port clients use where it differs from the target port (a host port), when the model sets one.</param>
/// <param name="HostPort">The port the model gives the endpoint on this machine (for a project, its launch profile's): where a single-host deployment publishes an external endpoint.</param>
internal sealed record DeployedEndpoint(string Name, string Scheme, string Transport, string Protocol, int? DeclaredTargetPort, int? Port, bool IsExternal, int TargetPort,
    int? HostPort);

/// <param name="Context">The build context, absolute.</param>
/// <param name="Dockerfile">The Dockerfile, absolute.</param>
/// <param name="Args">Build arguments: strings and value providers (a parameter), or null for the builder's environment.</param>
internal sealed record DeployedBuild(string Context, string Dockerfile, string? Stage, IReadOnlyDictionary<string, object?> Args)
{
    /// <summary>Build secrets by id: parameters, whose values the deployment supplies to the build and no published file holds.</summary>
    public IReadOnlyDictionary<string, object> Secrets { get; init; } = new Dictionary<string, object>();

    /// <summary>The Dockerfile publishing generated (for an app whose folder has none, or written by code), written into the output folder.</summary>
    public PublishedFile? Generated { get; init; }

    /// <summary>The image only carries built files for others (PublishWithContainerFiles) and runs nothing: the manifest's <c>buildOnly</c>.</summary>
    public bool BuildOnly { get; init; }

    /// <summary>The Dockerfile the deployment builds, absolute: the generated one where publishing writes it in <paramref name="outputDirectory"/>.</summary>
    public string DockerfileIn(string outputDirectory) => Generated is null ? Dockerfile : Path.Combine(outputDirectory, Generated.OutputPath);
}

internal sealed record DeployedWait(string ResourceName, WaitType WaitType);
