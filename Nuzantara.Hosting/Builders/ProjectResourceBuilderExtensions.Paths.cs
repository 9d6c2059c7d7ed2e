using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// A project by the path of its project file, relative to the AppHost's folder (<c>\</c> separators are read as
    /// <c>/</c>, as Aspire normalises them). No <c>Projects.*</c> class names a built assembly, so it runs with
    /// <c>dotnet run</c>, which builds it first, as <see cref="AddCSharpApp(IDistributedApplicationBuilder, string, string)"/>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddProject(name, projectPath, _ => { });

    /// <summary>The project at <paramref name="projectPath"/> with the launch profile named; null means none.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath, string? launchProfileName) =>
        builder.AddProject(name, projectPath, options =>
        {
            options.LaunchProfileName = launchProfileName;
            options.ExcludeLaunchProfile = launchProfileName is null;
        });

    /// <summary>The project at <paramref name="projectPath"/> with its launch profile chosen, or left out, by <paramref name="configure"/>.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath, Action<ProjectResourceOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectPath);
        ArgumentNullException.ThrowIfNull(configure);
        var fullPath = AppHostRelativePath.ResolveExisting(builder.AppHostDirectory, projectPath, nameof(AddProject), name,
            "the path of the project file (.csproj)", folderAllowed: false);

        var options = new ProjectResourceOptions();
        configure(options);
        return builder.AddProjectResource(new ProjectResource(name), new CSharpAppMetadata(fullPath, isFileBasedApp: false), options);
    }
}
