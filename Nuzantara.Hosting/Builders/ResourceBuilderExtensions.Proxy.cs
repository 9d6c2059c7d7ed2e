namespace Aspire.Hosting;

public static partial class ResourceBuilderExtensions
{
    /// <summary>
    /// Aspire's switch for the proxy in front of all the resource's endpoints; with <paramref name="proxyEnabled"/> false
    /// every endpoint, present or added later, is not proxied. There is no proxy here, so only the model records it.
    /// </summary>
    public static IResourceBuilder<T> WithEndpointProxySupport<T>(this IResourceBuilder<T> builder, bool proxyEnabled) where T : IResourceWithEndpoints
    {
        if (builder.Resource.TryGetLastAnnotation<ProxySupportAnnotation>(out var existing))
        {
            existing.ProxyEnabled = proxyEnabled;
        }
        else
        {
            builder.WithAnnotation(new ProxySupportAnnotation { ProxyEnabled = proxyEnabled });
        }

        foreach (var endpoint in builder.Resource.GetEndpoints())
        {
            endpoint.IsProxied = proxyEnabled && endpoint.IsProxied;
        }

        return builder;
    }
}
