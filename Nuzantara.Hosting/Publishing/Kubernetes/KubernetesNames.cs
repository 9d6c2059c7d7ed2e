using System.Text.RegularExpressions;

namespace Nuzantara.Hosting.Publishing.Kubernetes;

/// <summary>Names of the generated objects, which Kubernetes wants as DNS labels: lowercase letters, digits and '-'.</summary>
internal static partial class KubernetesNames
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>A DNS label made of <paramref name="parts"/>, e.g. <c>prometheus-rules</c> or <c>host-var-run</c>.</summary>
    public static string Label(params string[] parts)
    {
        var label = NotInLabel().Replace(string.Join('-', parts).ToLowerInvariant(), "-").Trim('-');
        return label.Length <= 63 ? label : label[..63].TrimEnd('-');
    }

    public static Dictionary<string, string> Labels(string name) => new(StringComparer.Ordinal)
    {
        [NameLabel] = name,
        [ManagedByLabel] = "nuzantara",
    };

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotInLabel();
}
