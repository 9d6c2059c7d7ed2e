namespace Aspire.Hosting.ApplicationModel;

/// <summary>The name the container runtime gives the resource's container, instead of <c>nuzantara-&lt;apphost&gt;-&lt;resource&gt;</c>.</summary>
public sealed class ContainerNameAnnotation : IResourceAnnotation
{
    public required string Name { get; set; }
}
