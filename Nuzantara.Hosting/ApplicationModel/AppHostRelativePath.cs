namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// The path an Add* call is given to the code a resource runs, resolved as Aspire resolves it: relative to the AppHost's
/// folder, with <c>\</c> read as <c>/</c> (AppHosts written on Windows give <c>..\Api\Api.csproj</c>).
/// </summary>
internal static class AppHostRelativePath
{
    /// <summary>
    /// The full path of <paramref name="path"/>, which must be a file, or a folder where <paramref name="folderAllowed"/>.
    /// Otherwise the error names the call (<paramref name="api"/> for the resource <paramref name="name"/>), the path
    /// tried and what to give instead (<paramref name="expected"/>).
    /// </summary>
    public static string ResolveExisting(string appHostDirectory, string path, string api, string name, string expected, bool folderAllowed)
    {
        var fullPath = Path.GetFullPath(path.Replace('\\', '/'), appHostDirectory);
        if (File.Exists(fullPath) || (folderAllowed && Directory.Exists(fullPath)))
        {
            return fullPath;
        }

        throw new DistributedApplicationException(
            $"{api}(\"{name}\", ...): {fullPath} does not exist. Give {api} {expected}, absolute or relative to the AppHost's folder ({appHostDirectory}).");
    }
}
