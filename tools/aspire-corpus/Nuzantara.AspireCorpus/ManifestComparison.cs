using System.Text.Json.Nodes;

namespace Nuzantara.AspireCorpus;

/// <summary>A place where two manifests of the same AppHost differ: its JSON path and the value on each side (null: absent).</summary>
public sealed record ManifestDifference(string Path, string? Ours, string? Aspire)
{
    public override string ToString() => $"{Path}: ours {Ours ?? "(absent)"}, Aspire {Aspire ?? "(absent)"}";
}

/// <summary>
/// Compares the engine's manifest of an AppHost with the one real Aspire published for the same source. Property order
/// does not count (a manifest is read as JSON); array order does. File paths, which each manifest writes relative to
/// its own folder, are compared relative to the corpus copy each was built from. <c>$schema</c> is a hint for editors.
/// </summary>
public static class ManifestComparison
{
    // Manifest properties whose value is a path relative to the manifest's folder (aspire-8.0 schema).
    private static readonly HashSet<string> PathProperties = ["path", "context", "dockerfile", "workingDirectory", "source"];

    public static IReadOnlyList<ManifestDifference> Compare(string oursManifest, string oursRoot, string aspireManifest, string aspireRoot)
    {
        var ours = Normalise(oursManifest, oursRoot);
        var aspire = Normalise(aspireManifest, aspireRoot);
        var differences = new List<ManifestDifference>();
        Walk("", ours, aspire, differences);
        return differences;
    }

    private static JsonNode? Normalise(string manifest, string root)
    {
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json.Remove("$schema");
        RebasePaths(json, Path.GetDirectoryName(Path.GetFullPath(manifest))!, Path.GetFullPath(root));
        return json;
    }

    private static void RebasePaths(JsonNode? node, string manifestFolder, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (PathProperties.Contains(name) && value is JsonValue v && v.TryGetValue<string>(out var text) && IsRelativePath(text))
                    {
                        obj[name] = Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(manifestFolder, text))).Replace('\\', '/');
                    }
                    else
                    {
                        RebasePaths(value, manifestFolder, root);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RebasePaths(item, manifestFolder, root);
                }

                break;
        }
    }

    // An expression ({…}) or an absolute path is not rebased.
    private static bool IsRelativePath(string text) => text.Length > 0 && !text.Contains('{') && !Path.IsPathRooted(text);

    private static void Walk(string path, JsonNode? ours, JsonNode? aspire, List<ManifestDifference> differences)
    {
        if (ours is JsonObject o && aspire is JsonObject a)
        {
            foreach (var name in o.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                var child = path.Length == 0 ? name : $"{path}.{name}";
                if (!o.ContainsKey(name) || !a.ContainsKey(name))
                {
                    differences.Add(new ManifestDifference(child, o[name]?.ToJsonString(), a[name]?.ToJsonString()));
                }
                else
                {
                    Walk(child, o[name], a[name], differences);
                }
            }
        }
        else if (ours is JsonArray oa && aspire is JsonArray aa && oa.Count == aa.Count)
        {
            for (var i = 0; i < oa.Count; i++)
            {
                Walk($"{path}[{i}]", oa[i], aa[i], differences);
            }
        }
        else if (!JsonNode.DeepEquals(ours, aspire))
        {
            differences.Add(new ManifestDifference(path, ours?.ToJsonString(), aspire?.ToJsonString()));
        }
    }
}
