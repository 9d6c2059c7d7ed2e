
namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// How a published container shows it is ready (traffic and dependents may come) and alive (no restart needed),
/// taken from the checks the model gives the resource.
/// </summary>
internal abstract record HealthProbe
{
    public static HealthProbe? For(IResource resource, IReadOnlyList<DeployedEndpoint> endpoints)
    {
        if (resource.OfAnnotation<ContainerHealthCommandAnnotation>().LastOrDefault() is { } command)
        {
            var port = endpoints.Single(e => e.Name == command.EndpointName).TargetPort;
            return new CommandProbe(command.Command(port), port);
        }

        var declared = DeclaredProbes(resource, endpoints);
        var readiness = declared.FirstOrDefault(p => p.Type == ProbeType.Readiness);
        var liveness = declared.FirstOrDefault(p => p.Type == ProbeType.Liveness);
        var path = readiness?.Path ?? HttpCheckPath(resource, declared);
        var endpoint = readiness?.Endpoint ?? endpoints.FirstOrDefault(e => e.Scheme is "http" or "https");
        return path is null || endpoint is null
            ? null
            : new HttpProbe(endpoint, path, liveness?.Path ?? LivenessPath(path)) { Declared = declared };
    }

    /// <summary>
    /// The path of the resource's HTTP health check: WithHttpHealthCheck names its check <c>&lt;resource&gt;_http_&lt;path&gt;</c>.
    /// A path only a liveness or startup probe asks for comes last: it says the process is alive, not that it is ready.
    /// </summary>
    private static string? HttpCheckPath(IResource resource, IReadOnlyList<DeclaredHttpProbe> declared)
    {
        var prefix = ResourceBuilderExtensions.HttpHealthCheckKey(resource, string.Empty);
        var paths = resource.OfAnnotation<HealthCheckAnnotation>().Select(c => c.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList();
        return paths.OrderBy(p => declared.Any(d => d.Type != ProbeType.Readiness && d.Path == p)).FirstOrDefault();
    }

    /// <summary>WithHttpProbe's probes, on the endpoints they name (a probe of an endpoint not published is left out).</summary>
    private static List<DeclaredHttpProbe> DeclaredProbes(IResource resource, IReadOnlyList<DeployedEndpoint> endpoints) =>
    [
        .. resource.OfAnnotation<EndpointProbeAnnotation>()
            .Select(p => (Probe: p, Endpoint: endpoints.FirstOrDefault(e => string.Equals(e.Name, p.EndpointReference.EndpointName, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.Endpoint is not null)
            .Select(p => new DeclaredHttpProbe(p.Probe.Type, p.Endpoint!, p.Probe.Path, p.Probe.InitialDelaySeconds, p.Probe.PeriodSeconds, p.Probe.TimeoutSeconds,
                p.Probe.FailureThreshold, p.Probe.SuccessThreshold)),
    ];

    /// <summary>
    /// The liveness counterpart of a readiness path, where the convention has one: a liveness check must not fail
    /// because a dependency is down, or an outage of the database would restart every service.
    /// </summary>
    private static string LivenessPath(string readinessPath) => readinessPath switch
    {
        "/health/ready" => "/health/live",
        "/-/ready" => "/-/healthy",
        _ => readinessPath,
    };
}

/// <summary>GET <see cref="ReadinessPath"/> on the endpoint answers 200 when ready; <see cref="LivenessPath"/> while alive.</summary>
internal sealed record HttpProbe(DeployedEndpoint Endpoint, string ReadinessPath, string LivenessPath) : HealthProbe
{
    /// <summary>The probes the AppHost declared (WithHttpProbe), which platforms with probes take as they are.</summary>
    public IReadOnlyList<DeclaredHttpProbe> Declared { get; init; } = [];
}

/// <summary>A probe declared with WithHttpProbe: GET <see cref="Path"/> on <see cref="Endpoint"/>, with its timing.</summary>
internal sealed record DeclaredHttpProbe(ProbeType Type, DeployedEndpoint Endpoint, string Path, int InitialDelaySeconds, int PeriodSeconds, int TimeoutSeconds,
    int FailureThreshold, int SuccessThreshold);

/// <summary><see cref="ShellCommand"/> (run by <c>/bin/sh</c> in the container) succeeds when ready; <see cref="Port"/> accepts connections while alive.</summary>
internal sealed record CommandProbe(string ShellCommand, int Port) : HealthProbe;
