using System.Xml.Linq;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// Restores and builds every rewritten corpus project in one MSBuild run each: a generated solution for the restore (one
/// package graph), then a generated traversal project that builds each project on its own, carrying on past failures,
/// and lists the ones that built.
/// </summary>
public static class CorpusBuild
{
    public sealed record Outcome(IReadOnlySet<string> Built, IReadOnlyList<BuildError> Errors, string Log);

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> projectFiles, string scratch, bool offline, CancellationToken cancellationToken)
    {
        var solution = Path.Combine(scratch, "corpus.slnx");
        // One folder per project: a solution refuses two projects of one name, and corpora have several (apphost).
        new XDocument(new XElement("Solution",
            projectFiles.Select((p, i) => new XElement("Folder", new XAttribute("Name", $"/{i}/"),
                new XElement("Project", new XAttribute("Path", Path.GetRelativePath(scratch, p))))))).Save(solution);

        var traversal = Path.Combine(scratch, "corpus.proj");
        var builtList = Path.Combine(scratch, "built.txt");
        File.Delete(builtList);
        new XDocument(new XElement("Project",
            new XElement("ItemGroup", projectFiles.Select(p => new XElement("CorpusProject", new XAttribute("Include", p)))),
            new XElement("Target", new XAttribute("Name", "Build"),
                // Batched per project, so that one project's failure neither stops nor hides the others.
                new XElement("MSBuild",
                    new XAttribute("Projects", "%(CorpusProject.Identity)"),
                    new XAttribute("Targets", "Build"),
                    new XAttribute("ContinueOnError", "true"),
                    new XElement("Output", new XAttribute("TaskParameter", "TargetOutputs"), new XAttribute("ItemName", "CorpusBuilt"))),
                new XElement("WriteLinesToFile",
                    new XAttribute("File", builtList),
                    new XAttribute("Lines", "@(CorpusBuilt->'%(MSBuildSourceProjectFile)')"),
                    new XAttribute("Overwrite", "true"))))).Save(traversal);

        string[] quiet = ["-nologo", "-nodeReuse:false", "-maxCpuCount:1", "-clp:ErrorsOnly;NoSummary", CompilerServer.BuildProperty];
        List<string> restoreArguments = ["restore", solution, .. quiet];
        if (offline)
        {
            // Only what this machine's package folder holds: the check needs no network, and a package that is not
            // there is reported, not fetched.
            restoreArguments.Add($"-p:RestoreSources={PackagesFolder()}");
        }

        var restore = await ProcessRunner.RunAsync("dotnet", restoreArguments, scratch, TimeSpan.FromMinutes(20), cancellationToken);
        var build = await ProcessRunner.RunAsync("dotnet", ["msbuild", traversal, "-t:Build", .. quiet], scratch, TimeSpan.FromMinutes(60), cancellationToken);

        var log = restore.Output + build.Output;
        var errors = BuildError.ParseAll(log);
        var built = File.Exists(builtList)
            ? File.ReadAllLines(builtList).Where(l => l.Length > 0).Select(Path.GetFullPath).ToHashSet()
            : [];
        return new Outcome(built, errors, log);
    }

    private static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
