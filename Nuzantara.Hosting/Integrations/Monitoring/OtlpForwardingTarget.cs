namespace Nuzantara.Hosting.Monitoring;

/// <summary>An OTLP/HTTP endpoint (Grafana Cloud's gateway) the AppHost forwards what it receives to, with basic auth.</summary>
/// <param name="BaseUrl">Without the signal path: <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> are appended.</param>
internal sealed record OtlpForwardingTarget(string BaseUrl, string Username, string Password)
{
    // A record's generated ToString would print the password into any log or exception message that formats it.
    public override string ToString() => BaseUrl;
}
