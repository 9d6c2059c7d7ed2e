using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuzantara.Hosting.Orchestration.Health;

namespace Aspire.Hosting;

/// <summary>The With* calls every resource shares: environment, arguments, endpoints, references, waits and health checks.</summary>
public static partial class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, () => value ?? string.Empty));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, ReferenceExpression value) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, () => value));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EndpointReference endpointReference) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, () => endpointReference));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, () => parameter.Resource));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, ParameterResource parameter) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, () => parameter));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(context =>
        {
            callback(context);
            return Task.CompletedTask;
        }));

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params object[] args) where T : IResourceWithArgs =>
        builder.WithAnnotation(new CommandLineArgsCallbackAnnotation(context =>
        {
            context.Args.AddRange(args);
            return Task.CompletedTask;
        }));

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, Action<CommandLineArgsCallbackContext> callback) where T : IResourceWithArgs =>
        builder.WithAnnotation(new CommandLineArgsCallbackAnnotation(context =>
        {
            callback(context);
            return Task.CompletedTask;
        }));

    /// <summary>
    /// Adds an endpoint. <paramref name="port"/> is the host port clients use, <paramref name="targetPort"/> the port the
    /// process listens on; <paramref name="env"/> names the variable that tells the process its port.
    /// <paramref name="isProxied"/> is kept on the endpoint (<see cref="EndpointAnnotation.IsProxied"/>) and changes
    /// nothing: there is no proxy in front of resources here, clients reach the port the resource listens on.
    /// </summary>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string? scheme = null,
        string? name = null, string? env = null, bool? isProxied = null, bool? isExternal = null, ProtocolType? protocol = null) where T : IResourceWithEndpoints
    {
        scheme ??= "tcp";
        var endpointName = name ?? scheme;
        if (builder.Resource.GetEndpoints().Any(e => string.Equals(e.Name, endpointName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException($"Resource '{builder.Resource.Name}' already has an endpoint named '{endpointName}': give the new one another name.");
        }

        var transport = scheme is "http" or "https" ? "http" : "tcp";
        return builder.WithAnnotation(new EndpointAnnotation(endpointName, scheme, transport)
        {
            Port = port,
            TargetPort = targetPort,
            TargetPortEnvironmentVariable = env,
            IsExternal = isExternal ?? false,
            IsProxied = (isProxied ?? true) && !(builder.Resource.TryGetLastAnnotation<ProxySupportAnnotation>(out var proxySupport) && !proxySupport.ProxyEnabled),
            Protocol = (protocol ?? ProtocolType.Tcp) == ProtocolType.Udp ? "udp" : "tcp",
        });
    }

    /// <summary>Changes the endpoint named <paramref name="endpointName"/>, first adding it unless <paramref name="createIfNotExists"/> is false.</summary>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string endpointName, Action<EndpointAnnotation> callback,
        bool createIfNotExists = true) where T : IResourceWithEndpoints
    {
        var endpoint = builder.Resource.GetEndpoints().FirstOrDefault(e => string.Equals(e.Name, endpointName, StringComparison.OrdinalIgnoreCase));
        if (endpoint is null && createIfNotExists)
        {
            builder.WithEndpoint(name: endpointName);
            endpoint = builder.Resource.GetEndpoints().Single(e => string.Equals(e.Name, endpointName, StringComparison.OrdinalIgnoreCase));
        }

        if (endpoint is not null)
        {
            callback(endpoint);
        }

        return builder;
    }

    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string? name = null, string? env = null,
        bool? isProxied = null) where T : IResourceWithEndpoints =>
        builder.WithEndpoint(port, targetPort, "http", name ?? "http", env, isProxied);

    /// <summary>An https endpoint; the resource serves TLS itself with a certificate of its own (the AppHost provides none).</summary>
    public static IResourceBuilder<T> WithHttpsEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string? name = null, string? env = null,
        bool? isProxied = null) where T : IResourceWithEndpoints =>
        builder.WithEndpoint(port, targetPort, "https", name ?? "https", env, isProxied);

    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder) where T : IResourceWithEndpoints
    {
        foreach (var endpoint in builder.Resource.GetEndpoints().Where(e => e.UriScheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }

        return builder;
    }

    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name) where T : IResourceWithEndpoints => new(builder.Resource, name);

    /// <summary>
    /// The endpoint as seen from <paramref name="contextNetworkId"/>. The same reference from every network here: the
    /// container runtime runs containers on the host's network, and publishers render it for the network they deploy to.
    /// </summary>
    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name, NetworkIdentifier contextNetworkId) where T : IResourceWithEndpoints =>
        new(builder.Resource, name);

    /// <summary>
    /// Injects the connection string as <c>ConnectionStrings__name</c> and its parts as <c>NAME_HOST</c>, <c>NAME_PORT</c>, …
    /// With <paramref name="optional"/>, as in Aspire, a connection string without a value (AddConnectionString whose
    /// <c>ConnectionStrings:name</c> is not set) is not an error: the variables are left out.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source, string? connectionName = null,
        bool optional = false)
        where T : IResourceWithEnvironment
    {
        var resource = source.Resource;
        var name = connectionName ?? resource.Name;
        if (resource is ConnectionStringParameterResource parameter)
        {
            parameter.AddReference(optional);
        }

        builder.WithAnnotation(new ResourceRelationshipAnnotation(resource, ResourceRelationshipTypes.Reference));
        return builder.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsRunMode && resource is ParameterResource { HasValue: false })
            {
                return;
            }

            context.EnvironmentVariables[resource.ConnectionStringEnvironmentVariable ?? $"ConnectionStrings__{name}"] = resource.ConnectionStringExpression;
            foreach (var (property, value) in resource.GetConnectionProperties())
            {
                context.EnvironmentVariables[$"{EnvironmentVariableName(name)}_{property.ToUpperInvariant()}"] = value;
            }
        });
    }

    /// <summary>Injects service discovery (<c>services__name__endpoint__0</c>) and <c>NAME_ENDPOINT</c> for every endpoint of the source.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment =>
        builder.WithServiceReference(source.Resource, source.Resource.Name, EnvironmentVariableName(source.Resource.Name));

    /// <summary>
    /// As <see cref="WithReference{T}(IResourceBuilder{T}, IResourceBuilder{IResourceWithServiceDiscovery})"/>, under
    /// <paramref name="name"/> in place of the source's name: <c>services__name__endpoint__0</c> and, as Aspire writes it,
    /// <c>name_ENDPOINT</c> with the name's case kept.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source, string name)
        where T : IResourceWithEnvironment =>
        builder.WithServiceReference(source.Resource, name, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')));

    private static IResourceBuilder<T> WithServiceReference<T>(this IResourceBuilder<T> builder, IResourceWithServiceDiscovery resource, string serviceName, string variablePrefix)
        where T : IResourceWithEnvironment
    {
        builder.WithAnnotation(new ResourceRelationshipAnnotation(resource, ResourceRelationshipTypes.Reference));
        return builder.WithEnvironment(context =>
        {
            foreach (var endpoint in resource.GetEndpoints())
            {
                var reference = new EndpointReference(resource, endpoint.Name);
                context.EnvironmentVariables[$"services__{serviceName}__{endpoint.Name}__0"] = reference;
                context.EnvironmentVariables[$"{variablePrefix}_{EnvironmentVariableName(endpoint.Name)}"] = reference;
            }
        });
    }

    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, EndpointReference endpointReference) where T : IResourceWithEnvironment
    {
        builder.WithAnnotation(new ResourceRelationshipAnnotation(endpointReference.Resource, ResourceRelationshipTypes.Reference));
        return builder.WithEnvironment(context =>
        {
            context.EnvironmentVariables[$"services__{endpointReference.Resource.Name}__{endpointReference.EndpointName}__0"] = endpointReference;
            context.EnvironmentVariables[$"{EnvironmentVariableName(endpointReference.Resource.Name)}_{EnvironmentVariableName(endpointReference.EndpointName)}"] = endpointReference;
        });
    }

    /// <summary>The resource starts only once <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilHealthy));

    /// <summary>The resource starts only once <paramref name="dependency"/> has run to completion with exit code 0.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitForCompletion));

    /// <summary>
    /// The resource is healthy when GET <paramref name="path"/> on the endpoint answers <paramref name="statusCode"/>;
    /// as in Aspire, the path defaults to <c>/</c> and the status to 200.
    /// </summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string? path = null, int? statusCode = null, string? endpointName = null)
        where T : IResourceWithEndpoints
    {
        var endpoint = new EndpointReference(builder.Resource, endpointName ?? DefaultHttpEndpointName(builder.Resource));
        var probed = path ?? "/";
        var expected = statusCode ?? 200;
        return builder.WithHttpHealthCheckOnce(probed, _ => new HttpEndpointHealthCheck(endpoint, probed, expected));
    }

    /// <summary>
    /// Ties the check registered as <paramref name="key"/> (<c>builder.Services.AddHealthChecks().AddCheck(key, …)</c>)
    /// to the resource: it is healthy while it runs and the check passes.
    /// </summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, string key) where T : IResource =>
        builder.WithAnnotation(new HealthCheckAnnotation(key));

    /// <summary>Registers <paramref name="factory"/>'s check in the AppHost's health checks and ties it to the resource.</summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, string key, Func<IServiceProvider, IHealthCheck> factory) where T : IResource
    {
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, factory, HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));
        return builder.WithAnnotation(new HealthCheckAnnotation(key));
    }

    /// <summary>Uppercase with every character that may not appear in a variable name replaced by '_', as Aspire encodes them.</summary>
    internal static string EnvironmentVariableName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
}
