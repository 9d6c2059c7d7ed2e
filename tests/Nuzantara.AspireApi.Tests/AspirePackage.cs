using System.Reflection;
using System.Text.RegularExpressions;

namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// One Aspire package restore downloaded for the comparison (the project's PackageDownload items), found through the
/// AssemblyMetadata("AspirePackage", "Id|Version|Folder") the project file writes.
/// </summary>
internal sealed partial record AspirePackage(string Id, string Version, string Folder)
{
    public static IReadOnlyList<AspirePackage> Downloaded { get; } = typeof(AspirePackage).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key == "AspirePackage")
        .Select(a => a.Value!.Split('|'))
        .Select(parts => new AspirePackage(parts[0], parts[1], parts[2]))
        .OrderBy(p => p.Id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The package the report counts it under: Aspire.Hosting.AppHost only adds to Aspire.Hosting.</summary>
    public string ComparedAs => Id == "Aspire.Hosting.AppHost" ? "Aspire.Hosting" : Id;

    /// <summary>Its assembly for the newest framework up to the one the tests run on (our engine targets the same).</summary>
    public string AssemblyPath
    {
        get
        {
            var lib = Path.Combine(Folder, "lib");
            if (!Directory.Exists(lib))
            {
                throw new InvalidOperationException($"{Id} {Version} is not at {Folder}: restore tests/Nuzantara.AspireApi.Tests (its PackageDownload items fetch it).");
            }

            var framework = Directory.EnumerateDirectories(lib)
                .Select(d => (Folder: d, Match: FrameworkFolder().Match(Path.GetFileName(d))))
                .Where(f => f.Match.Success && int.Parse(f.Match.Groups[1].Value) <= Environment.Version.Major)
                .MaxBy(f => int.Parse(f.Match.Groups[1].Value))
                .Folder ?? throw new InvalidOperationException($"{Id} {Version} has no assembly for net{Environment.Version.Major}.0 or older under {lib}.");
            return Path.Combine(framework, Id + ".dll");
        }
    }

    [GeneratedRegex(@"^net(\d+)\.0$")]
    private static partial Regex FrameworkFolder();
}
