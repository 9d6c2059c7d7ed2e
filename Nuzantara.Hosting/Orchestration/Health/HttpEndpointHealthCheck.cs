using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Nuzantara.Hosting.Orchestration.Health;

/// <summary>
/// Healthy when GET on a path of a resource's URL (an endpoint's, an external service's) answers the expected status.
/// Written here rather than taken from AspNetCore.HealthChecks.Uris because the URL is only known once the endpoint is
/// allocated or the parameter resolved.
/// </summary>
internal sealed class HttpEndpointHealthCheck(Func<string> baseUrl, string path, int expectedStatusCode) : IHealthCheck
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    public HttpEndpointHealthCheck(EndpointReference endpoint, string path, int expectedStatusCode)
        : this(() => endpoint.Url, path, expectedStatusCode)
    {
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(new Uri(baseUrl()), path);
        try
        {
            using var response = await Client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode == expectedStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET {uri} answered {(int)response.StatusCode}, expected {expectedStatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"GET {uri} failed: {ex.Message}");
        }
    }
}
