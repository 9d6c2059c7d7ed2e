namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A network endpoint of a resource. <see cref="Port"/> is where clients connect on the host; <see cref="TargetPort"/>
/// is where the process listens (inside a container, the container port). Without a proxy the two are the same for
/// native processes.
/// </summary>
public sealed class EndpointAnnotation(string name, string uriScheme = "tcp", string transport = "tcp") : IResourceAnnotation
{
    public string Name { get; } = name;

    public string UriScheme { get; set; } = uriScheme;

    /// <summary>http, http2 or tcp, as in the manifest's bindings.</summary>
    public string Transport { get; set; } = transport;

    public string Protocol { get; set; } = "tcp";

    public int? Port { get; set; }

    public int? TargetPort { get; set; }

    /// <summary>Environment variable through which the resource learns the port to listen on (for example PORT).</summary>
    public string? TargetPortEnvironmentVariable { get; set; }

    public bool IsExternal { get; set; }

    /// <summary>
    /// Whether Aspire would put its proxy in front of the endpoint (true by default, as in Aspire). There is no proxy here:
    /// every endpoint is served by the resource itself, so false is what happens either way and true changes nothing.
    /// </summary>
    public bool IsProxied { get; set; } = true;

    /// <summary>Set by the runtime when the application starts.</summary>
    public AllocatedEndpoint? AllocatedEndpoint { get; set; }
}

/// <summary>Where an endpoint ended up: <see cref="Port"/> on <see cref="Address"/> for clients, <see cref="TargetPort"/> for the listener.</summary>
public sealed record AllocatedEndpoint(string UriScheme, string Address, int Port, int TargetPort)
{
    public string UriString => $"{UriScheme}://{Address}:{Port}";
}
