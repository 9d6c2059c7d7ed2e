namespace Nuzantara.Hosting.Publishing;

/// <summary>An environment variable the resource's container needs on Kubernetes only (where a volume differs from Compose's, say).</summary>
internal sealed class KubernetesEnvironmentAnnotation(string name, string value) : IResourceAnnotation
{
    public string Name { get; } = name;

    public string Value { get; } = value;
}
