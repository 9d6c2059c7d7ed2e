namespace Nuzantara.Hosting.Dashboard;

/// <summary>The dashboard's settings (<c>Nuzantara:Dashboard</c>): the in-memory store's limits (Aspire's defaults) and its access.</summary>
internal sealed class DashboardOptions
{
    public const string SectionName = "Nuzantara:Dashboard";

    public int MaxTraceCount { get; set; } = 10_000;

    public int MaxLogCount { get; set; } = 10_000;

    public int MaxMetricPointCount { get; set; } = 50_000;

    /// <summary>Largest OTLP/HTTP body accepted; bigger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>No login for pages and API (<c>NUZANTARA_DASHBOARD_UNSECURED=true</c>); the AppHost warns loudly.</summary>
    public bool Unsecured { get; set; }
}
