using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// The Aspire diagnostics (<c>ASPIRE…</c>: its experimental APIs) that the corpus's Directory.Build.props files above a
/// project suppress with <c>NoWarn</c>. The rewritten project does not import those files, yet its code relies on the
/// suppression (the playground's FileBasedApps calls the experimental AddCSharpApp without a pragma); only Aspire's own
/// ids are carried over, so nothing else the corpus silences is silenced here.
/// </summary>
public static partial class AspireWarningSuppressions
{
    public static IReadOnlyList<string> For(string projectPath, string corpusRoot)
    {
        var root = Path.GetFullPath(corpusRoot);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(projectPath)); folder is not null && folder.StartsWith(root, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            var file = Path.Combine(folder, "Directory.Build.props");
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var noWarn in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "NoWarn"))
            {
                ids.UnionWith(noWarn.Value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(id => AspireId().IsMatch(id)));
            }
        }

        return [.. ids];
    }

    [GeneratedRegex("^ASPIRE[A-Z]*[0-9]+$")]
    private static partial Regex AspireId();
}
