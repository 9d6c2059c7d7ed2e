namespace Nuzantara.ServiceDefaults.Health;

/// <summary>Tags and names that sort checks into the health endpoints.</summary>
public static class HealthTags
{
    /// <summary>The process itself: never a dependency, so a Redis outage cannot get the service restarted.</summary>
    public const string Live = "live";

    /// <summary>What the service needs to serve requests.</summary>
    public const string Ready = "ready";

    public const string Redis = "redis";
    public const string Database = "database";
}
