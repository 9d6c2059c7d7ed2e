namespace Nuzantara.Hosting.Monitoring;

/// <summary>What ships the stack's telemetry to Grafana Cloud when its settings are set.</summary>
public enum GrafanaCloudForwarder
{
    /// <summary>Alloy where it can be had when the AppHost runs (always when publishing), otherwise <see cref="Direct"/>.</summary>
    Auto,

    /// <summary>Grafana Alloy, also where it cannot be had here (its resource then fails to start, as any missing binary).</summary>
    Alloy,

    /// <summary>No Alloy: Prometheus remote-writes the metrics and the AppHost forwards the OTLP it receives; no host logs.</summary>
    Direct,
}

/// <summary>The Grafana Cloud connection's behaviour (<c>Nuzantara:GrafanaCloud</c>); the connection itself is <see cref="GrafanaCloudSettings"/>.</summary>
public sealed class GrafanaCloudOptions
{
    public const string SectionName = "Nuzantara:GrafanaCloud";

    /// <summary><c>auto</c>, <c>alloy</c> or <c>direct</c>; applies when the AppHost runs: a published deployment always ships Alloy.</summary>
    public GrafanaCloudForwarder Forwarder { get; set; } = GrafanaCloudForwarder.Auto;

    /// <summary>
    /// OTLP requests the AppHost holds for Grafana Cloud on the direct path; when the queue is full (Grafana Cloud slow or
    /// unreachable) a new request is dropped and counted rather than slowing the service that exported it.
    /// </summary>
    public int QueueCapacity { get; set; } = 256;
}
