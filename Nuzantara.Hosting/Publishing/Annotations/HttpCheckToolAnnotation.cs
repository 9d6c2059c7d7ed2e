namespace Nuzantara.Hosting.Publishing;

/// <summary>The tool the resource's image has for an HTTP health check; without this annotation, <see cref="HttpCheckTool.WgetOrBash"/>.</summary>
internal sealed class HttpCheckToolAnnotation(HttpCheckTool tool) : IResourceAnnotation
{
    public HttpCheckTool Tool { get; } = tool;
}
