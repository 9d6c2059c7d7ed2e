using Microsoft.Extensions.Configuration;

namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// The environment variables of the Grafana Cloud connection. With Alloy, its configuration reads them (<c>sys.env</c>):
/// the AppHost declares them as secret parameters of Alloy's environment only, so the API key is in no file and no log,
/// and no other process gets it. Without Alloy, the AppHost reads them itself: Prometheus gets the key as a 0600 file.
/// </summary>
public static class GrafanaCloudSettings
{
    /// <summary>The Prometheus (metrics) instance's user id; also the OTLP user unless <see cref="OtlpUsername"/> is set.</summary>
    public const string Username = "GRAFANA_USERNAME";

    /// <summary>An access policy token with metrics:write, logs:write and traces:write.</summary>
    public const string ApiKey = "GRAFANA_API_KEY";

    /// <summary>The Prometheus remote write URL (…/api/prom/push) from the stack's Prometheus details page.</summary>
    public const string PrometheusUrl = "GRAFANA_PROMETHEUS_URL";

    /// <summary>The OTLP gateway URL (https://otlp-gateway-….grafana.net/otlp) from the stack's OpenTelemetry page.</summary>
    public const string OtlpUrl = "GRAFANA_OTLP_URL";

    /// <summary>The stack's instance id, which the OTLP gateway wants as user; optional.</summary>
    public const string OtlpUsername = "GRAFANA_OTLP_USERNAME";

    /// <summary>Whether Grafana Cloud is configured: both credentials set. Only then does the AppHost ship anything there.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[Username]) && !string.IsNullOrWhiteSpace(configuration[ApiKey]);

    /// <summary>
    /// The settings Alloy gets: all but <see cref="OtlpUsername"/>, which only when set (Alloy's configuration falls
    /// back to <see cref="Username"/>, and a deployment would otherwise demand a value for it).
    /// </summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[OtlpUsername]) ? [Username, ApiKey, PrometheusUrl, OtlpUrl] : [Username, ApiKey, PrometheusUrl, OtlpUrl, OtlpUsername];

    /// <summary>Stops the AppHost naming the settings <paramref name="consumer"/> needs besides the credentials, when one is missing.</summary>
    public static void ThrowIfEndpointsMissing(IConfiguration configuration, string consumer)
    {
        var missing = new[] { PrometheusUrl, OtlpUrl }.Where(key => string.IsNullOrWhiteSpace(configuration[key])).ToList();
        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(
                $"{consumer} needs {string.Join(" and ", missing)} besides {Username} and {ApiKey}. " +
                "Copy them from your Grafana Cloud stack's details page into the environment (docs/monitoring.md).");
        }
    }
}
