namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// The metadata of an app added by path: unlike the generated <c>Projects.*</c> classes there is no built assembly,
/// so the process runtime starts it with <c>dotnet run</c>, which builds it first.
/// </summary>
internal sealed class CSharpAppMetadata(string projectPath, bool isFileBasedApp) : IProjectMetadata
{
    // The call that gave the path, which each error names.
    private const string AddCSharpApp = "AddCSharpApp";

    public string ProjectPath { get; } = projectPath;

    public bool IsFileBasedApp { get; } = isFileBasedApp;

    /// <summary>
    /// <paramref name="path"/> (relative to the AppHost's folder): a <c>.cs</c> file is a file-based app, a project
    /// file is that project, a folder holds exactly one project file.
    /// </summary>
    public static CSharpAppMetadata For(string appHostDirectory, string name, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = AppHostRelativePath.ResolveExisting(appHostDirectory, path, AddCSharpApp, name,
            "the path of a .cs file, a .csproj project or the project's folder", folderAllowed: true);
        if (File.Exists(fullPath))
        {
            return Path.GetExtension(fullPath) switch
            {
                ".cs" => new CSharpAppMetadata(fullPath, isFileBasedApp: true),
                ".csproj" => new CSharpAppMetadata(fullPath, isFileBasedApp: false),
                _ => throw new DistributedApplicationException(
                    $"{AddCSharpApp}(\"{name}\", ...): {fullPath} is neither a .cs file nor a .csproj project. Give {AddCSharpApp} one of those, or the project's folder."),
            };
        }

        var projects = Directory.GetFiles(fullPath, "*.csproj");
        return projects.Length == 1
            ? new CSharpAppMetadata(projects[0], isFileBasedApp: false)
            : throw new DistributedApplicationException(
                $"{AddCSharpApp}(\"{name}\", ...): the folder {fullPath} has {(projects.Length == 0 ? "no" : projects.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))} .csproj files; give {AddCSharpApp} the project file's path instead.");
    }
}
