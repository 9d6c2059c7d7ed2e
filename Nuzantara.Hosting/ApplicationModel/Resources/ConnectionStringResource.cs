namespace Aspire.Hosting;

/// <summary>
/// A connection string made from the model (<see cref="ConnectionStringBuilderExtensions.AddConnectionString(IDistributedApplicationBuilder, string, ReferenceExpression)"/>):
/// nothing runs for it; it is Running once the resources it names have started, and published as <c>value.v0</c>.
/// </summary>
public sealed class ConnectionStringResource(string name, ReferenceExpression connectionStringExpression)
    : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    public ReferenceExpression ConnectionStringExpression { get; } = connectionStringExpression;

    /// <summary>The resources whose endpoints or connection strings the expression holds, at any depth; parameters have no lifetime and are left out.</summary>
    internal IEnumerable<IResource> ReferencedResources => References(ConnectionStringExpression).Distinct();

    private static IEnumerable<IResource> References(object value) => value switch
    {
        ReferenceExpression expression => expression.ValueProviders.SelectMany(References),
        EndpointReference endpoint => [endpoint.Resource],
        EndpointReferenceExpression property => [property.Endpoint.Resource],
        ParameterResource => [],
        IResource resource => [resource],
        _ => [],
    };
}
