using System.Text.RegularExpressions;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// Finds the Aspire projects in a folder: AppHosts (a project on <c>Aspire.AppHost.Sdk</c> or with <c>IsAspireHost</c>,
/// or a file-based AppHost whose <c>#:sdk</c> is <c>Aspire.AppHost.Sdk</c>) and test projects (one that references
/// <c>Aspire.Hosting.Testing</c>, or an AppHost-SDK project that is a test project).
/// </summary>
public static partial class CorpusDiscovery
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", ".venv", "artifacts"];

    // Package ids (or their prefixes) that make a project a test project. Matched against package references only: a
    // project named after a framework (NUnitStarter.AppHost) is not a test project.
    private static readonly string[] TestFrameworkPackages = ["xunit", "NUnit", "MSTest", "Microsoft.NET.Test.Sdk", "TUnit"];

    public static IReadOnlyList<CorpusProject> Find(string corpusRoot)
    {
        var projects = new List<CorpusProject>();
        foreach (var file in Files(corpusRoot))
        {
            var display = Path.GetRelativePath(corpusRoot, file);
            if (file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                var text = File.ReadAllText(file);
                var isAppHostSdk = text.Contains("Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("<IsAspireHost>true", StringComparison.OrdinalIgnoreCase);
                var packages = PackageReferences(text);
                var isTest = packages.Contains("Aspire.Hosting.Testing", StringComparer.OrdinalIgnoreCase)
                    || (isAppHostSdk && (text.Contains("<IsTestProject>true", StringComparison.OrdinalIgnoreCase)
                        || packages.Any(id => TestFrameworkPackages.Any(framework => id.StartsWith(framework, StringComparison.OrdinalIgnoreCase)))));
                if (isTest || isAppHostSdk)
                {
                    projects.Add(new CorpusProject(corpusRoot, file, display, isTest ? CorpusProjectKind.TestProject : CorpusProjectKind.AppHost, IsFileBased: false));
                }
            }
            else if (IsFileBasedAppHost(file))
            {
                projects.Add(new CorpusProject(corpusRoot, file, display, CorpusProjectKind.AppHost, IsFileBased: true));
            }
        }

        return projects.OrderBy(project => project.DisplayPath, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<string> PackageReferences(string projectFile) =>
        PackageReference().Matches(projectFile).Select(m => m.Groups["id"].Value).ToList();

    [GeneratedRegex(@"<PackageReference\s+Include=""(?<id>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex PackageReference();

    private static bool IsFileBasedAppHost(string file) =>
        file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
        && File.ReadLines(file).Take(20).Any(line => line.TrimStart('\uFEFF').StartsWith("#:sdk Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Files(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in Files(child))
            {
                yield return file;
            }
        }
    }
}
