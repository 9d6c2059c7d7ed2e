namespace Nuzantara.Hosting.Dashboard;

/// <summary>Limits of the in-memory telemetry store (<c>Nuzantara:Dashboard</c>), Aspire's defaults.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Nuzantara:Dashboard";

    public int MaxTraceCount { get; set; } = 10_000;

    public int MaxLogCount { get; set; } = 10_000;

    public int MaxMetricPointCount { get; set; } = 50_000;

    /// <summary>Largest OTLP/HTTP body accepted; bigger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
