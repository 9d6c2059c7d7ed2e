using System.Xml.Linq;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// The <c>PackageVersion</c>s of the nearest <c>Directory.Packages.props</c> above a project. The rewritten project does
/// not import the corpus's Directory.* files (they pull Aspire's packages, or Aspire's repository build in its
/// playground), so the versions of the packages it keeps are written on its references.
/// </summary>
public sealed class CentralPackageVersions
{
    private readonly Dictionary<string, string> versions = new(StringComparer.OrdinalIgnoreCase);

    public static CentralPackageVersions For(string projectPath, string corpusRoot)
    {
        var found = new CentralPackageVersions();
        var root = Path.GetFullPath(corpusRoot);
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(projectPath)); folder is not null && folder.StartsWith(root, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            var file = Path.Combine(folder, "Directory.Packages.props");
            if (File.Exists(file))
            {
                found.Read(file);
                break;
            }
        }

        return found;
    }

    public string? VersionOf(string packageId) => versions.GetValueOrDefault(packageId);

    private void Read(string file)
    {
        var document = XDocument.Load(file);
        var properties = document.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup")
            .GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);
        foreach (var packageVersion in document.Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
        {
            var id = (string?)packageVersion.Attribute("Include");
            var version = (string?)packageVersion.Attribute("Version");
            if (id is not null && version is not null)
            {
                // Versions kept in a property ($(XunitVersion)) are resolved from the same file; nothing deeper.
                versions[id] = version.StartsWith("$(", StringComparison.Ordinal) && version.EndsWith(')')
                    ? properties.GetValueOrDefault(version[2..^1], version)
                    : version;
            }
        }
    }
}
