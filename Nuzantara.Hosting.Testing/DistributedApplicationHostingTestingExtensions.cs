using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting.Testing;

public static class DistributedApplicationHostingTestingExtensions
{
    /// <summary>
    /// A client from the application's <see cref="IHttpClientFactory"/>, named after the resource, whose base address is
    /// the resource's endpoint (the first http one unless named): handlers the test configured apply to it.
    /// </summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        var baseAddress = app.GetEndpoint(resourceName, endpointName);
        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(resourceName);
        client.BaseAddress = baseAddress;
        return client;
    }

    public static Uri GetEndpoint(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Find(resourceName);
        var endpoint = resource.GetEndpoints().FirstOrDefault(e => endpointName is null ? e.UriScheme is "http" or "https" : e.Name == endpointName)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' has no endpoint {(endpointName is null ? "using http" : $"named '{endpointName}'")}.");
        return new Uri((endpoint.AllocatedEndpoint ?? throw new InvalidOperationException($"'{resourceName}' has no address yet: start the application first.")).UriString);
    }

    public static async ValueTask<string?> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Find(resourceName);
        return resource is IResourceWithConnectionString withConnectionString
            ? await withConnectionString.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false)
            : throw new InvalidOperationException($"Resource '{resourceName}' has no connection string.");
    }
}
