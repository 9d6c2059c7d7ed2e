namespace Nuzantara.Hosting.Monitoring;

/// <summary>The choice between Grafana Alloy and the direct path (<see cref="GrafanaCloudForwarder"/>), and what the AppHost says about it.</summary>
public static class GrafanaCloudForwarding
{
    /// <summary>Null for Alloy, otherwise why the direct path; <paramref name="whyAlloyUnavailable"/> is asked only for <c>auto</c> when running.</summary>
    public static string? WhyDirect(GrafanaCloudForwarder forwarder, bool publishing, Func<string?> whyAlloyUnavailable) => forwarder switch
    {
        GrafanaCloudForwarder.Alloy => null,
        // A deployment has no AppHost to forward OTLP: there, the image is pulled where it runs.
        _ when publishing => null,
        GrafanaCloudForwarder.Direct => $"{GrafanaCloudOptions.SectionName}:Forwarder is direct",
        _ => whyAlloyUnavailable() is { } why ? $"Grafana Alloy is not installable here ({why})" : null,
    };

    /// <summary>The one warning of the direct path, a message template with the reason as its only argument.</summary>
    public const string DirectWarning =
        "{Reason}; Prometheus remote-writes metrics to " + GrafanaCloudSettings.PrometheusUrl + " and the AppHost forwards OTLP to " +
        GrafanaCloudSettings.OtlpUrl + "; host logs are not shipped (docs/monitoring.md, \"Grafana Cloud\")";
}
