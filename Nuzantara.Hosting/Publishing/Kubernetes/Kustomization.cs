namespace Nuzantara.Hosting.Publishing.Kubernetes;

/// <summary>
/// kustomization.yaml: the published objects to apply together (<c>kubectl apply -k</c>), and the images of the
/// resources this repository builds, which the user points at a registry with <c>kustomize edit set image</c>.
/// </summary>
internal sealed class Kustomization
{
    public string ApiVersion { get; set; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; set; } = "Kustomization";

    public List<string> Resources { get; set; } = [];

    public List<KustomizationImage>? Images { get; set; }
}

/// <summary>Replaces the image <see cref="Name"/> in every workload with <see cref="NewName"/>:<see cref="NewTag"/>.</summary>
internal sealed class KustomizationImage
{
    public required string Name { get; set; }

    public required string NewName { get; set; }

    public string NewTag { get; set; } = "latest";
}
