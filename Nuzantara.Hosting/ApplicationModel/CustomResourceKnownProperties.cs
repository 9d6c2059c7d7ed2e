namespace Aspire.Hosting.ApplicationModel;

/// <summary>Property names the dashboard knows in a custom resource's snapshot (Aspire's keys).</summary>
public static class CustomResourceKnownProperties
{
    /// <summary>Where the resource comes from (an image, a project path, or whatever its code says).</summary>
    public static string Source { get; } = "resource.source";

    public static string ConnectionString { get; } = "resource.connectionString";
}
