namespace Aspire.Hosting.ApplicationModel;

/// <summary>The snapshot a resource is published with before anything runs (WithInitialState).</summary>
public class ResourceSnapshotAnnotation(CustomResourceSnapshot initialSnapshot) : IResourceAnnotation
{
    public CustomResourceSnapshot InitialSnapshot { get; } = initialSnapshot;
}
