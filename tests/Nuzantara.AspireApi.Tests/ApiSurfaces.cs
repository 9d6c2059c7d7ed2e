namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// The two sides of the comparison, read once per test run: Aspire's packages, and our assemblies that put public
/// types in <c>Aspire.*</c> namespaces (every Nuzantara assembly beside the tests that has any).
/// </summary>
internal static class ApiSurfaces
{
    private static readonly Lazy<IReadOnlyList<ApiEntry>> AspireEntries = new(ReadAspire);
    private static readonly Lazy<(IReadOnlyList<ApiEntry> Entries, IReadOnlyList<string> Assemblies)> OurApi = new(ReadOurs);

    public static IReadOnlyList<ApiEntry> Aspire => AspireEntries.Value;

    public static IReadOnlyList<ApiEntry> Ours => OurApi.Value.Entries;

    /// <summary>Our assemblies that have API in <c>Aspire.*</c> namespaces, by file name.</summary>
    public static IReadOnlyList<string> OurAssemblies => OurApi.Value.Assemblies;

    private static IReadOnlyList<ApiEntry> ReadAspire() =>
        AspirePackage.Downloaded.SelectMany(p => PublicApi.Read(p.AssemblyPath, _ => p.ComparedAs)).ToArray();

    private static (IReadOnlyList<ApiEntry> Entries, IReadOnlyList<string> Assemblies) ReadOurs()
    {
        var packageOfAspireType = Aspire.Where(e => e.IsType).ToDictionary(e => e.TypeKey, e => e.Package);
        var entries = new List<ApiEntry>();
        var names = new List<string>();
        var self = typeof(ApiSurfaces).Assembly.GetName().Name + ".dll";
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "Nuzantara.*.dll").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file == self)
            {
                continue;
            }

            var read = PublicApi.Read(path, typeKey => packageOfAspireType.GetValueOrDefault(typeKey) ?? PackageByNamespace(typeKey, file));
            if (read.Count > 0)
            {
                names.Add(file);
                entries.AddRange(read);
            }
        }

        return (entries, names);
    }

    /// <summary>For a type Aspire does not have: the package whose namespace it sits in.</summary>
    private static string PackageByNamespace(string typeKey, string assemblyFile) => typeKey switch
    {
        _ when typeKey.StartsWith("Aspire.Hosting.Testing.", StringComparison.Ordinal) || assemblyFile == "Nuzantara.Hosting.Testing.dll" => "Aspire.Hosting.Testing",
        _ when typeKey.StartsWith("Aspire.Hosting.Redis.", StringComparison.Ordinal) => "Aspire.Hosting.Redis",
        _ when typeKey.StartsWith("Aspire.Hosting.Postgres.", StringComparison.Ordinal) => "Aspire.Hosting.PostgreSQL",
        _ when typeKey.StartsWith("Aspire.Hosting.RabbitMQ.", StringComparison.Ordinal) => "Aspire.Hosting.RabbitMQ",
        _ => "Aspire.Hosting",
    };
}
