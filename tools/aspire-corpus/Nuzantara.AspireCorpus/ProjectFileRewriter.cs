using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// Rewrites a corpus project's file so that it builds on this engine instead of Aspire's packages; the sources are not
/// touched. What changes:
/// <list type="bullet">
/// <item>Aspire's SDK and packages (<c>Aspire.*</c>, <c>*.Aspire.*</c>, and Aspire's own projects in its playground)
/// are removed and recorded as the integrations the project asked for; a reference to Nuzantara.Hosting (or
/// Nuzantara.Hosting.Testing) and the engine's AppHost targets take their place.</item>
/// <item>Service projects an AppHost references become <c>NuzantaraCorpusProjectResource</c> items: their
/// <c>Projects.*</c> classes are generated without building them (they need packages that are not here). To run the
/// AppHost they stay ProjectReferences (<c>buildServices</c>), built with it as a user's build does.</item>
/// <item>A test project's reference to an AppHost is marked as Aspire's testing package marks it (a resource, its
/// assembly not referenced).</item>
/// <item>The corpus's Directory.Build.*/Directory.Packages.props are not imported (versions of the packages kept are
/// written on them), the target framework is net10.0, and warnings are not errors; the Aspire diagnostics those files
/// suppress (<see cref="AspireWarningSuppressions"/>) stay suppressed.</item>
/// </list>
/// </summary>
public sealed class ProjectFileRewriter(string engineRoot, string corpusTargetsDirectory, IReadOnlyList<string> defines)
{
    public const string ProjectResourceItem = "NuzantaraCorpusProjectResource";

    /// <summary>Rewrites <paramref name="project"/>'s project file in place and returns the Aspire references it removed.</summary>
    public IReadOnlyList<string> Rewrite(CorpusProject project, IReadOnlyCollection<string> appHostPaths, bool buildServices = false)
    {
        var document = project.IsFileBased ? FileBasedProject(project.ProjectPath) : XDocument.Load(Original(project.ProjectPath));
        var root = document.Root!;
        var projectDirectory = Path.GetDirectoryName(project.ProjectPath)!;
        var versions = CentralPackageVersions.For(project.ProjectPath, project.CorpusRoot);
        var suppressed = AspireWarningSuppressions.For(project.ProjectPath, project.CorpusRoot);
        var removed = new List<string>();

        var sdk = (string?)root.Attribute("Sdk") ?? "Microsoft.NET.Sdk";
        var isAppHostSdk = sdk.Contains("Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase)
            || root.Elements().Any(e => e.Name.LocalName == "Sdk" && ((string?)e.Attribute("Name"))?.Contains("Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase) == true)
            || root.Descendants().Any(e => e.Name.LocalName == "IsAspireHost" && e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
        var baseSdk = sdk.StartsWith("Microsoft.NET.Sdk", StringComparison.OrdinalIgnoreCase) ? sdk.Split('/')[0] : "Microsoft.NET.Sdk";
        root.Attribute("Sdk")?.Remove();
        StripNamespace(root);

        foreach (var element in root.Descendants().ToList())
        {
            switch (element.Name.LocalName)
            {
                case "Sdk" when element.Parent == root:
                case "Import" when element.Attribute("Sdk") is not null:
                case "TargetFramework" or "TargetFrameworks" when element.Parent?.Name.LocalName == "PropertyGroup":
                    element.Remove();
                    break;
                case "AspireProjectOrPackageReference":
                    removed.Add((string?)element.Attribute("Include") ?? "?");
                    element.Remove();
                    break;
                case "PackageReference":
                    RewritePackageReference(element, versions, removed);
                    break;
                case "ProjectReference":
                    RewriteProjectReference(element, projectDirectory, isAppHostSdk && !buildServices, appHostPaths, removed);
                    break;
            }
        }

        root.AddFirst(
            new XComment(" Rewritten by tools/aspire-corpus to build on Nuzantara.Hosting; the sources are unchanged. "),
            new XElement("PropertyGroup",
                new XElement("ImportDirectoryBuildProps", "false"),
                new XElement("ImportDirectoryBuildTargets", "false"),
                new XElement("ImportDirectoryPackagesProps", "false"),
                // Aspire's templates set these in the project; a corpus may set them in a Directory.Build.props instead.
                new XElement("ImplicitUsings", "enable"),
                new XElement("Nullable", "enable")),
            new XElement("Import", new XAttribute("Project", "Sdk.props"), new XAttribute("Sdk", baseSdk)));

        var engineProject = project.Kind == CorpusProjectKind.TestProject
            ? Path.Combine(engineRoot, "Nuzantara.Hosting.Testing", "Nuzantara.Hosting.Testing.csproj")
            : Path.Combine(engineRoot, "Nuzantara.Hosting", "Nuzantara.Hosting.csproj");
        var engineTargets = isAppHostSdk ? "Nuzantara.Hosting.AppHost.targets" : "Nuzantara.Hosting.ProjectMetadata.targets";
        root.Add(
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("ManagePackageVersionsCentrally", "false"),
                new XElement("TreatWarningsAsErrors", "false"),
                new XElement("NuGetAudit", "false"),
                suppressed.Count == 0 ? null : new XElement("NoWarn", "$(NoWarn);" + string.Join(';', suppressed)),
                defines.Count == 0 ? null : new XElement("DefineConstants", string.Join(';', defines) + ";$(DefineConstants)")),
            new XElement("ItemGroup",
                new XElement("ProjectReference", new XAttribute("Include", engineProject), new XAttribute("IsAspireProjectResource", "false"))),
            new XElement("Import", new XAttribute("Project", "Sdk.targets"), new XAttribute("Sdk", baseSdk)),
            new XElement("Import", new XAttribute("Project", Path.Combine(engineRoot, "Nuzantara.Hosting", "build", engineTargets))),
            new XElement("Import", new XAttribute("Project", Path.Combine(corpusTargetsDirectory, "Nuzantara.AspireCorpus.ProjectResources.targets"))));

        document.Save(project.BuildPath);
        return removed;
    }

    /// <summary>The project file as the corpus has it, kept beside the rewritten one so that it can be rewritten again.</summary>
    private static string Original(string projectPath)
    {
        var original = projectPath + ".original";
        if (!File.Exists(original))
        {
            File.Copy(projectPath, original);
        }

        return original;
    }

    private static void RewritePackageReference(XElement reference, CentralPackageVersions versions, List<string> removed)
    {
        var id = (string?)reference.Attribute("Include") ?? (string?)reference.Attribute("Update");
        if (id is null)
        {
            return;
        }

        if (AspireReferences.IsAspirePackage(id))
        {
            removed.Add(id);
            reference.Remove();
            return;
        }

        var overridden = reference.Attribute("VersionOverride");
        if (overridden is not null)
        {
            reference.SetAttributeValue("Version", overridden.Value);
            overridden.Remove();
        }
        else if (reference.Attribute("Version") is null && reference.Elements().All(e => e.Name.LocalName != "Version") && versions.VersionOf(id) is { } version)
        {
            reference.SetAttributeValue("Version", version);
        }
    }

    private static void RewriteProjectReference(XElement reference, string projectDirectory, bool servicesAsItems, IReadOnlyCollection<string> appHostPaths, List<string> removed)
    {
        var include = (string?)reference.Attribute("Include");
        if (include is null)
        {
            return;
        }

        if (AspireReferences.IsAspireSourceProject(include))
        {
            removed.Add(Path.GetFileNameWithoutExtension(include.Replace('\\', '/')));
            reference.Remove();
            return;
        }

        var isResource = !string.Equals((string?)reference.Attribute("IsAspireProjectResource"), "false", StringComparison.OrdinalIgnoreCase);
        if (ReferencesAppHost(include, projectDirectory, appHostPaths))
        {
            reference.SetAttributeValue("IsAspireProjectResource", "true");
            reference.SetAttributeValue("ReferenceOutputAssembly", "false");
            reference.SetAttributeValue("Private", "false");
        }
        else if (servicesAsItems && isResource)
        {
            reference.ReplaceWith(new XElement(ProjectResourceItem, new XAttribute("Include", include)));
        }
    }

    private static bool ReferencesAppHost(string include, string projectDirectory, IReadOnlyCollection<string> appHostPaths)
    {
        if (include.Contains('$'))
        {
            return false;
        }

        var pattern = Path.GetFullPath(Path.Combine(projectDirectory, include.Replace('\\', '/')));
        if (!pattern.Contains('*'))
        {
            return appHostPaths.Contains(pattern);
        }

        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*") + "$");
        return appHostPaths.Any(regex.IsMatch);
    }

    /// <summary>
    /// The project a file-based AppHost stands for, as <c>dotnet run apphost.cs</c> makes it from the file's
    /// <c>#:sdk</c>, <c>#:package</c>, <c>#:property</c> and <c>#:project</c> directives, then rewritten as any other.
    /// </summary>
    private static XDocument FileBasedProject(string file)
    {
        var items = new XElement("ItemGroup", new XElement("Compile", new XAttribute("Include", Path.GetFileName(file))));
        var properties = new XElement("PropertyGroup",
            new XElement("OutputType", "Exe"),
            new XElement("EnableDefaultItems", "false"),
            new XElement("Features", "$(Features);FileBasedProgram"));
        var sdk = "Microsoft.NET.Sdk";
        foreach (var line in File.ReadLines(file).Select(l => l.TrimStart('\uFEFF').Trim()).Where(l => l.StartsWith("#:", StringComparison.Ordinal)))
        {
            var space = line.IndexOf(' ');
            var (directive, value) = space < 0 ? (line[2..], "") : (line[2..space], line[(space + 1)..].Trim());
            var (name, version) = value.Split('@') is [var n, var v] ? (n, v) : (value, null);
            switch (directive)
            {
                case "sdk":
                    sdk = version is null ? name : $"{name}/{version}";
                    break;
                case "package":
                    items.Add(new XElement("PackageReference", new XAttribute("Include", name), version is null ? null : new XAttribute("Version", version)));
                    break;
                case "project":
                    items.Add(new XElement("ProjectReference", new XAttribute("Include", name)));
                    break;
                case "property" when value.Split('=', 2) is [var key, var propertyValue]:
                    properties.Add(new XElement(key.Trim(), propertyValue.Trim()));
                    break;
            }
        }

        return new XDocument(new XElement("Project", new XAttribute("Sdk", sdk), properties, items));
    }

    private static void StripNamespace(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Name = element.Name.LocalName;
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }
    }
}
