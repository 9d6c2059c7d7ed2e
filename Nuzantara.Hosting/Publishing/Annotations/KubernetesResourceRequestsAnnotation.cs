namespace Nuzantara.Hosting.Publishing;

/// <summary>What the Kubernetes scheduler reserves for the resource's container, in Kubernetes quantities (<c>250m</c>, <c>256Mi</c>).</summary>
internal sealed class KubernetesResourceRequestsAnnotation(string cpu, string memory) : IResourceAnnotation
{
    public string Cpu { get; } = cpu;

    public string Memory { get; } = memory;
}
