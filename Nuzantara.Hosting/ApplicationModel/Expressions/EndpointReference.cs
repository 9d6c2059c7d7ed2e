namespace Aspire.Hosting.ApplicationModel;

public enum EndpointProperty
{
    Url,
    Host,
    IPV4Host,
    Port,
    Scheme,
    TargetPort,
    HostAndPort,
}

/// <summary>A reference to one named endpoint of a resource; its value is the URL once the endpoint is allocated.</summary>
public sealed class EndpointReference(IResourceWithEndpoints owner, string endpointName) : IValueProvider, IManifestExpressionProvider
{
    public IResourceWithEndpoints Resource { get; } = owner;

    public string EndpointName { get; } = endpointName;

    public EndpointAnnotation Annotation =>
        Resource.GetEndpoints().SingleOrDefault(e => string.Equals(e.Name, EndpointName, StringComparison.OrdinalIgnoreCase))
        ?? throw new DistributedApplicationException($"Resource '{Resource.Name}' has no endpoint named '{EndpointName}'.");

    public bool Exists => Resource.GetEndpoints().Any(e => string.Equals(e.Name, EndpointName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the endpoint has its address yet (once the application has started).</summary>
    public bool IsAllocated => Exists && Annotation.AllocatedEndpoint is not null;

    public string Scheme => Annotation.UriScheme;

    public EndpointReferenceExpression Property(EndpointProperty property) => new(this, property);

    public string Url => Allocated.UriString;

    public string Host => Allocated.Address;

    public int Port => Allocated.Port;

    public string ValueExpression => Property(EndpointProperty.Url).ValueExpression;

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        Property(EndpointProperty.Url).GetValueAsync(cancellationToken);

    internal AllocatedEndpoint Allocated => Nuzantara.Hosting.Orchestration.Replicas.ReplicaScope.Allocated(Resource, EndpointName)
        ?? Annotation.AllocatedEndpoint
        ?? throw new DistributedApplicationException(
            $"Endpoint '{EndpointName}' of resource '{Resource.Name}' has no address yet: it is allocated when the application starts.");
}

/// <summary>One property (host, port, url…) of an endpoint, usable inside a <see cref="ReferenceExpression"/>.</summary>
public sealed class EndpointReferenceExpression(EndpointReference endpointReference, EndpointProperty property) : IValueProvider, IManifestExpressionProvider
{
    public EndpointReference Endpoint { get; } = endpointReference;

    public EndpointProperty Property { get; } = property;

    public string ValueExpression => Property switch
    {
        EndpointProperty.HostAndPort => $"{{{Prefix}.host}}:{{{Prefix}.port}}",
        EndpointProperty.IPV4Host => $"{{{Prefix}.host}}",
        _ => $"{{{Prefix}.{char.ToLowerInvariant(Property.ToString()[0])}{Property.ToString()[1..]}}}",
    };

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var allocated = Endpoint.Allocated;
        var annotation = Endpoint.Annotation;
        string value = Property switch
        {
            EndpointProperty.Url => allocated.UriString,
            EndpointProperty.Host or EndpointProperty.IPV4Host => allocated.Address,
            EndpointProperty.Port => allocated.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EndpointProperty.Scheme => annotation.UriScheme,
            EndpointProperty.TargetPort => allocated.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EndpointProperty.HostAndPort => $"{allocated.Address}:{allocated.Port}",
            _ => throw new ArgumentOutOfRangeException(nameof(Property)),
        };
        return ValueTask.FromResult<string?>(value);
    }

    private string Prefix => $"{Endpoint.Resource.Name}.bindings.{Endpoint.EndpointName}";
}
