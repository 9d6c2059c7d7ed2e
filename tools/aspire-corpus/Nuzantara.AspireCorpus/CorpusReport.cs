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
        text.AppendLine($"Compiling: {result.Compiling} / {result.Projects.Count} ({appHosts.Count(p => p.Compiles)} / {appHosts.Count} AppHosts, {tests.Count(p => p.Compiles)} / {tests.Count} test projects)"
            + (appHosts.Any(p => p.Manifest is not null) ? $"; manifests valid: {appHosts.Count(p => p.ManifestValid)} / {appHosts.Count(p => p.Compiles)} compiling AppHosts." : "."));
        foreach (var error in result.OtherErrors)
        {
            text.AppendLine($"Outside the corpus projects: {error.Location}: {error.Code} {error.Message}");
        }

        var runs = result.Projects.Where(p => p.Run is not null).ToList();
        if (runs.Count > 0)
        {
            text.AppendLine($"Running: {runs.Count(p => p.Run!.AllUp)} / {runs.Count} AppHosts had every resource up and stopped on SIGINT with no port left held.");
        }

        text.AppendLine();
        text.AppendLine(runs.Count > 0
            ? "| project | kind | compiles | manifest | runs | missing API (errors) |\n|---|---|---|---|---|---|"
            : "| project | kind | compiles | manifest | missing API (errors) |\n|---|---|---|---|---|");
        foreach (var project in result.Projects)
        {
            var run = runs.Count > 0 ? $" {Run(project)} |" : "";
            text.AppendLine($"| {project.Project.DisplayPath} | {Kind(project.Project)} | {(project.Compiles ? "yes" : "no")} | {Manifest(project)} |{run} {Missing(project)} |");
        }

        foreach (var project in runs.Where(p => !p.Run!.AllUp))
        {
            text.AppendLine();
            text.AppendLine($"{project.Project.DisplayPath} when run:");
            text.AppendLine();
            foreach (var line in RunDetails(project.Run!))
            {
                text.AppendLine($"- {Cell(line)}");
            }
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

    private static string Run(ProjectResult project) => project.Run switch
    {
        null => "–",
        { Problem: { } problem } => Cell(problem),
        var run => $"{run.Up} of {run.Resources.Count} up"
            + (run.SettledAfter is { } settled ? $" in {settled.TotalSeconds:0} s" : $", still changing after {RunCheck.SettleTimeout.TotalMinutes:0} min")
            + (run.StoppedAfter is { } stopped ? $"; stopped in {stopped.TotalSeconds:0.0} s" : "; did not stop on SIGINT")
            + (run.HeldPorts.Count > 0 ? $"; ports still held: {string.Join(", ", run.HeldPorts)}" : ""),
    };

    private static IEnumerable<string> RunDetails(AppHostRun.Outcome run)
    {
        if (run.Problem is not null)
        {
            yield return run.Problem;
        }

        foreach (var resource in run.Resources.Where(r => !r.IsUp))
        {
            yield return resource.Describe();
        }

        if (run.OutputTail.Length > 0)
        {
            yield return $"last lines: {run.OutputTail}";
        }
    }

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
