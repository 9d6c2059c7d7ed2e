using System.Diagnostics.CodeAnalysis;
using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// A C# app by path, relative to the AppHost's folder: a .NET 10 file-based app (<c>./api/api.cs</c>), a project file
    /// or a project's folder. It runs with <c>dotnet run</c> (which builds it first, so the first start takes longer)
    /// with its launch profile's endpoints and variables (a file-based app's are in <c>api.run.json</c>), as AddProject.
    /// </summary>
    [Experimental("ASPIRECSHARPAPPS001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<ProjectResource> AddCSharpApp(this IDistributedApplicationBuilder builder, string name, string path) =>
        builder.AddProjectResource(new ProjectResource(name), CSharpAppMetadata.For(builder.AppHostDirectory, name, path), new ProjectResourceOptions());

    /// <summary><see cref="AddCSharpApp(IDistributedApplicationBuilder, string, string)"/> with the launch profile chosen (or left out) by <paramref name="configure"/>.</summary>
    [Experimental("ASPIRECSHARPAPPS001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<CSharpAppResource> AddCSharpApp(this IDistributedApplicationBuilder builder, string name, string path, Action<ProjectResourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ProjectResourceOptions();
        configure(options);
        return builder.AddProjectResource(new CSharpAppResource(name), CSharpAppMetadata.For(builder.AppHostDirectory, name, path), options);
    }
}
