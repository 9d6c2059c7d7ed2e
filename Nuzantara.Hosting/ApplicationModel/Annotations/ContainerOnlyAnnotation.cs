namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>The resource has no native recipe: the process runtime shows it as NotStarted with this reason.</summary>
public sealed class ContainerOnlyAnnotation(string reason) : IResourceAnnotation
{
    public string Reason { get; } = reason;
}
