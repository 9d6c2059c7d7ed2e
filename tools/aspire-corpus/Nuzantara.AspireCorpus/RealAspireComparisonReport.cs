using System.Text;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// <c>check.sh --real-aspire</c>: each AppHost whose manifest the engine published is published again with the real
/// Aspire packages (<see cref="RealAspireManifest"/>), and the report lists where the two manifests differ.
/// </summary>
public static class RealAspireComparisonReport
{
    public static async Task<string> MarkdownAsync(CorpusResult result, IReadOnlyList<string> corpusFolders, string scratch, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        text.AppendLine($"Manifests compared with Aspire {RealAspireVersions.Current.Packages}:");
        foreach (var project in result.Projects.Where(p => p.ManifestValid && !p.Project.IsFileBased))
        {
            text.AppendLine();
            text.AppendLine($"- {project.Project.DisplayPath}:");
            var source = SourceOf(project.Project, corpusFolders, scratch);
            try
            {
                var aspire = await RealAspireManifest.PublishAsync(source, project.Project.DisplayPath, Path.Combine(scratch, "real-aspire-work"), RealAspireVersions.Current, cancellationToken);
                var differences = ManifestComparison.Compare(project.Manifest!.ManifestPath!, project.Project.CorpusRoot, aspire.ManifestPath, aspire.CorpusCopy);
                text.AppendLine(differences.Count == 0 ? "  the same" : string.Join(Environment.NewLine, differences.Select(d => $"  - {d}")));
            }
            catch (InvalidOperationException ex)
            {
                // Typically a package real Aspire needs that the feed does not serve: the comparison cannot be made.
                text.AppendLine($"  not compared: {ex.Message.Split('\n')[0]}");
            }
        }

        return text.ToString();
    }

    // The checker copies corpus folder i to {scratch}/{i}-{name}; the real build starts again from the original.
    private static string SourceOf(CorpusProject project, IReadOnlyList<string> corpusFolders, string scratch) =>
        corpusFolders.Select((folder, i) => (folder, copy: Path.Combine(scratch, $"{i}-{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}")))
            .Single(f => f.copy == project.CorpusRoot).folder;
}
