
namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// How a published container shows it is ready (traffic and dependents may come) and alive (no restart needed),
/// taken from the checks the model gives the resource.
/// </summary>
internal abstract record HealthProbe
{
    public static HealthProbe? For(IResource resource, IReadOnlyList<DeployedEndpoint> endpoints)
    {
        switch (resource)
        {
            case RedisResource redis:
            {
                var port = endpoints.Single(e => e.Name == RedisResource.PrimaryEndpointName).TargetPort;
                // REDIS_PASSWORD is the variable the container's entrypoint gives to --requirepass.
                return new CommandProbe($"redis-cli -p {port} -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG", port);
            }

            case PostgresServerResource postgres:
            {
                var port = endpoints.Single(e => e.Name == PostgresServerResource.PrimaryEndpointName).TargetPort;
                // Over TCP: while the image runs its init scripts (creating the databases) it listens on its socket only.
                // A user name given as a parameter is the container's POSTGRES_USER.
                var user = postgres.UserNameParameter is null ? PostgresServerResource.DefaultUserName : "\"$POSTGRES_USER\"";
                return new CommandProbe($"pg_isready -h 127.0.0.1 -p {port} -U {user}", port);
            }
        }

        var path = HttpCheckPath(resource);
        var endpoint = endpoints.FirstOrDefault(e => e.Scheme is "http" or "https");
        return path is null || endpoint is null ? null : new HttpProbe(endpoint, path, LivenessPath(path));
    }

    /// <summary>The path of the resource's HTTP health check: WithHttpHealthCheck names its check <c>&lt;resource&gt;_http_&lt;path&gt;</c>.</summary>
    private static string? HttpCheckPath(IResource resource)
    {
        var prefix = $"{resource.Name}_http_";
        return resource.OfAnnotation<HealthCheckAnnotation>().Select(c => c.Key).FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

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
internal sealed record HttpProbe(DeployedEndpoint Endpoint, string ReadinessPath, string LivenessPath) : HealthProbe;

/// <summary><see cref="ShellCommand"/> (run by <c>/bin/sh</c> in the container) succeeds when ready; <see cref="Port"/> accepts connections while alive.</summary>
internal sealed record CommandProbe(string ShellCommand, int Port) : HealthProbe;
