namespace Nuzantara.AspireCorpus;

/// <summary>Which references are Aspire's own (packages, or Aspire's source projects in its playground): the ones the engine replaces.</summary>
public static class AspireReferences
{
    public static bool IsAspirePackage(string packageId) =>
        packageId.StartsWith("Aspire.", StringComparison.OrdinalIgnoreCase)
        || packageId.Contains(".Aspire.", StringComparison.OrdinalIgnoreCase);

    /// <summary>A ProjectReference to Aspire's own source (<c>src/Aspire.Hosting.Redis/Aspire.Hosting.Redis.csproj</c>), as Aspire's playground has.</summary>
    public static bool IsAspireSourceProject(string include)
    {
        var name = Path.GetFileNameWithoutExtension(include.Replace('\\', '/'));
        return IsAspirePackage(name) && include.Replace('\\', '/').Contains("src/", StringComparison.OrdinalIgnoreCase);
    }
}
