namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>The resource has no native recipe: the process runtime shows it as NotStarted with this reason.</summary>
public sealed class ContainerOnlyAnnotation(string reason) : IResourceAnnotation
{
    public string Reason { get; } = reason;

    /// <summary>
    /// FailedToStart rather than NotStarted: nothing stands in for it without a container engine (an admin UI), where
    /// cAdvisor's metrics come from the AppHost instead.
    /// </summary>
    public bool FailsWithoutEngine { get; init; }

    /// <summary>
    /// No image of it can be built from Debian's packages (images/build.sh has none), so a missing image's fix is to
    /// load it into the engine.
    /// </summary>
    public bool HasNoDebianImage { get; init; }
}
