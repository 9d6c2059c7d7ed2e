using System.Text;

namespace Nuzantara.AspireCorpus;

/// <summary>The checker's report: one row per project, then the missing APIs across the corpus, as a Markdown table (readable as text too).</summary>
public static class CorpusReport
{
    private const int ApisPerRow = 4;

    public static string Markdown(CorpusResult result)
    {
        var text = new StringBuilder();
        var appHosts = result.Projects.Where(p => p.Project.Kind == CorpusProjectKind.AppHost).ToList();
        var tests = result.Projects.Where(p => p.Project.Kind == CorpusProjectKind.TestProject).ToList();
        text.AppendLine($"Compiling: {result.Compiling} / {result.Projects.Count} ({appHosts.Count(p => p.Compiles)} / {appHosts.Count} AppHosts, {tests.Count(p => p.Compiles)} / {tests.Count} test projects); "
            + $"manifests valid: {appHosts.Count(p => p.ManifestValid)} / {appHosts.Count(p => p.Compiles)} compiling AppHosts.");
        foreach (var error in result.OtherErrors)
        {
            text.AppendLine($"Outside the corpus projects: {error.Location}: {error.Code} {error.Message}");
        }

        text.AppendLine();
        text.AppendLine("| project | kind | compiles | manifest | missing API (errors) |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var project in result.Projects)
        {
            text.AppendLine($"| {project.Project.DisplayPath} | {Kind(project.Project)} | {(project.Compiles ? "yes" : "no")} | {Manifest(project)} | {Missing(project)} |");
        }

        var missing = result.MissingApis;
        if (missing.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| missing API | projects | errors |");
            text.AppendLine("|---|---|---|");
            foreach (var (api, projects, errors) in missing)
            {
                text.AppendLine($"| {Cell(api)} | {projects} | {errors} |");
            }
        }

        return text.ToString();
    }

    private static string Kind(CorpusProject project) =>
        (project.Kind == CorpusProjectKind.AppHost ? "AppHost" : "tests") + (project.IsFileBased ? " (file-based)" : "");

    private static string Manifest(ProjectResult project) => project.Manifest switch
    {
        null => "–",
        { Published: false } m => Cell(m.Problems[0]),
        { Problems.Count: 0 } m => $"valid ({m.Resources} resources)",
        var m => Cell($"invalid: {m.Problems.Count} schema errors, first {m.Problems[0]}"),
    };

    private static string Missing(ProjectResult project)
    {
        if (project.BlockedByReference)
        {
            return "a project it references does not compile";
        }

        var shown = project.MissingApis.Take(ApisPerRow).Select(m => $"{Cell(m.Api)} ({m.Errors})");
        var more = project.MissingApis.Count > ApisPerRow ? $", +{project.MissingApis.Count - ApisPerRow} more" : "";
        return string.Join(", ", shown) + more;
    }

    private static string Cell(string value) => value.Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
}
