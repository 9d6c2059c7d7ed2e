using System.Text.RegularExpressions;

namespace Nuzantara.Hosting.Tests.Architecture;

/// <summary>
/// An integration (Redis, PostgreSQL, Python, …) keeps what it knows in its folder, Nuzantara.Hosting/Integrations/&lt;name&gt;/,
/// and gives the core what the runtimes and publishers need through annotations: a core file that names an
/// integration's type has knowledge of that integration the next one (MySQL) would have to add there too.
/// </summary>
public sealed partial class IntegrationBoundaryTests
{
    private static readonly string SourceRoot = Path.Combine(Repository.Root, "Nuzantara.Hosting");

    private static readonly string IntegrationsRoot = Path.Combine(SourceRoot, "Integrations");

    [Fact]
    public void No_core_file_names_an_integration_type()
    {
        var integrationTypes = IntegrationTypeNames();
        var offenders = CoreFiles()
            .Select(file => (file.RelativePath, Names: NamedTypes(file.Text, integrationTypes)))
            .Where(file => file.Names.Count > 0)
            .Select(file => $"{file.RelativePath}: {string.Join(", ", file.Names)}")
            .ToList();

        Assert.True(offenders.Count == 0,
            "Core files name integrations' types; let the integration attach an annotation the core reads instead (docs/architecture.md):\n" +
            string.Join("\n", offenders));
    }

    [Fact]
    public void The_integration_types_are_found()
    {
        var integrationTypes = IntegrationTypeNames();

        Assert.Contains("RedisResource", integrationTypes);
        Assert.Contains("PostgresServerResource", integrationTypes);
        Assert.Contains("PythonAppResource", integrationTypes);
        Assert.Contains("NodeAppResource", integrationTypes);
        Assert.Contains("RabbitMQServerResource", integrationTypes);
        Assert.Contains("PrometheusResource", integrationTypes);
        // Core types some integration files extend (partial classes) are the core's, not an integration's.
        Assert.DoesNotContain("ContainerResource", integrationTypes);
        Assert.DoesNotContain("ResourceBuilderExtensions", integrationTypes);
    }

    /// <summary>
    /// The top-level types declared in Integrations/, as the assembly has them (a word after "class" in a comment is not
    /// a type; a nested type is named through its outer one), less those a core file declares too (a partial class both extend).
    /// </summary>
    private static HashSet<string> IntegrationTypeNames()
    {
        var assemblyTypes = typeof(Aspire.Hosting.DistributedApplication).Assembly.GetTypes().Where(t => !t.IsNested)
            .Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);
        var coreDeclared = CoreFiles().SelectMany(f => DeclaredTypes(f.Text)).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Directory.EnumerateFiles(IntegrationsRoot, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => DeclaredTypes(File.ReadAllText(f)))
                .Where(name => assemblyTypes.Contains(name) && !coreDeclared.Contains(name)),
        ];
    }

    private static IEnumerable<(string RelativePath, string Text)> CoreFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SourceRoot, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("Integrations/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal)
                && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(SourceRoot, path))));

    private static IEnumerable<string> DeclaredTypes(string source) => TypeDeclaration().Matches(source).Select(m => m.Groups["name"].Value);

    private static List<string> NamedTypes(string source, HashSet<string> typeNames) =>
        [.. Identifier().Matches(source).Select(m => m.Value).Where(typeNames.Contains).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+(?:struct|class))?)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();
}
