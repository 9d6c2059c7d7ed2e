namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How a resource is published. Only Aspire's <see cref="Ignore"/> exists here: our publishers write their own formats
/// from the model, so there is no manifest writer for a custom callback to write to.
/// </summary>
public sealed class ManifestPublishingCallbackAnnotation : IResourceAnnotation
{
    private ManifestPublishingCallbackAnnotation()
    {
    }

    /// <summary>Leaves the resource out of every published output (manifest, Compose, Kubernetes).</summary>
    public static ManifestPublishingCallbackAnnotation Ignore { get; } = new();
}
