namespace Aspire.Hosting.ApplicationModel;

/// <summary>Names a health check registered in the AppHost's services; the resource is healthy when all of its checks pass.</summary>
public sealed class HealthCheckAnnotation(string key) : IResourceAnnotation
{
    public string Key { get; } = key;
}
