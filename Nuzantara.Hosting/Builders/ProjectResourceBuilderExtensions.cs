using System.Text.Json;
using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// A .NET project of the solution. Endpoints come from the project's <c>Kestrel:Endpoints</c> settings when it has
    /// some, else from the launch profile's <c>applicationUrl</c> (the first "Project" profile), as in Aspire; the process
    /// listens where <c>Kestrel__Endpoints__*__Url</c> or <c>ASPNETCORE_URLS</c> says and exports telemetry to the AppHost.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddProjectResource(new ProjectResource(name), new TProject(), new ProjectResourceOptions());

    /// <summary>The project with the launch profile named <paramref name="launchProfileName"/>; null, as in Aspire, means none (no endpoints or variables from it).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name, string? launchProfileName)
        where TProject : IProjectMetadata, new() =>
        builder.AddProjectResource(new ProjectResource(name), new TProject(),
            new ProjectResourceOptions { LaunchProfileName = launchProfileName, ExcludeLaunchProfile = launchProfileName is null });

    /// <summary>The project with its launch profile chosen, or left out, by <paramref name="configure"/>.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name, Action<ProjectResourceOptions> configure)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ProjectResourceOptions();
        configure(options);
        return builder.AddProjectResource(new ProjectResource(name), new TProject(), options);
    }

    private static IResourceBuilder<TResource> AddProjectResource<TResource>(this IDistributedApplicationBuilder builder, TResource resource, IProjectMetadata metadata,
        ProjectResourceOptions options) where TResource : ProjectResource
    {
        var project = builder.AddResource(resource)
            .WithAnnotation(new ProjectMetadataAnnotation(metadata))
            .WithAnnotation(new OtlpExporterAnnotation());

        var profile = options.ExcludeLaunchProfile ? null : LaunchProfile.Read(metadata, options.LaunchProfileName);
        var settings = ReadProjectSettings(metadata);
        var isPublishMode = builder.ExecutionContext.IsPublishMode;
        var kestrelHosts = options.ExcludeKestrelEndpoints ? [] : AddKestrelEndpoints(project, settings, isPublishMode);
        var hasKestrelEndpoints = kestrelHosts.Count > 0;

        // Kestrel endpoints replace the launch profile's URLs, as they do in the process.
        var applicationUrls = hasKestrelEndpoints ? [] : profile?.ApplicationUrls ?? [];
        var http2 = EndpointDefaultsAreHttp2(settings);
        foreach (var url in applicationUrls)
        {
            project.WithEndpoint(port: url.Port, scheme: url.Scheme, name: url.Scheme);
            if (http2)
            {
                project.WithEndpoint(url.Scheme, endpoint => endpoint.Transport = "http2");
            }
        }

        // A launch profile is a development setting (ASPNETCORE_ENVIRONMENT=Development…): as in Aspire, a published project does not get it.
        foreach (var (key, value) in profile?.EnvironmentVariables ?? new Dictionary<string, string>())
        {
            project.WithEnvironment(context =>
            {
                if (context.ExecutionContext.IsRunMode)
                {
                    context.EnvironmentVariables[key] = value;
                }
            });
        }

        return project.WithEnvironment(context =>
        {
            var endpoints = context.Resource.GetEndpoints().Where(e => e.UriScheme is "http" or "https").ToList();
            if (context.ExecutionContext.IsPublishMode)
            {
                // Aspire's publish-mode settings: the image listens on its endpoints' target ports, behind the platform's proxy.
                if (!hasKestrelEndpoints)
                {
                    AddPortsVariable(context, project.Resource, endpoints, "http", "HTTP_PORTS");
                    AddPortsVariable(context, project.Resource, endpoints, "https", "HTTPS_PORTS");
                }

                context.EnvironmentVariables["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
            }
            else
            {
                if (endpoints.Count > 0 && !hasKestrelEndpoints)
                {
                    var urls = endpoints.Select(e => new EndpointReference(project.Resource, e.Name)).ToList();
                    context.EnvironmentVariables["ASPNETCORE_URLS"] = urls.Count == 1
                        ? ReferenceExpression.Create($"{urls[0].Property(EndpointProperty.Scheme)}://{urls[0].Property(EndpointProperty.Host)}:{urls[0].Property(EndpointProperty.TargetPort)}")
                        : JoinUrls(urls);
                }

                // Console output is captured per resource: plain single-line logs read best there, as Aspire sets it.
                context.EnvironmentVariables["LOGGING__CONSOLE__FORMATTERNAME"] = "simple";
                context.EnvironmentVariables["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true";
            }

            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
            if (hasKestrelEndpoints)
            {
                AddKestrelUrlOverrides(context, project.Resource, kestrelHosts);
            }
        });
    }

    private static void AddPortsVariable(EnvironmentCallbackContext context, ProjectResource project, List<EndpointAnnotation> endpoints, string scheme, string variable)
    {
        var ports = endpoints.Where(e => e.UriScheme == scheme).Select(e => new EndpointReference(project, e.Name).Property(EndpointProperty.TargetPort)).ToList();
        if (ports.Count == 1)
        {
            context.EnvironmentVariables[variable] = ports[0];
        }
    }

    private static ReferenceExpression JoinUrls(List<EndpointReference> urls)
    {
        var handler = new ReferenceExpression.ExpressionInterpolatedStringHandler(0, urls.Count * 3);
        for (var i = 0; i < urls.Count; i++)
        {
            if (i > 0)
            {
                handler.AppendLiteral(";");
            }

            handler.AppendFormatted(urls[i].Property(EndpointProperty.Scheme));
            handler.AppendLiteral("://");
            handler.AppendFormatted(urls[i].Property(EndpointProperty.Host));
            handler.AppendLiteral(":");
            handler.AppendFormatted(urls[i].Property(EndpointProperty.TargetPort));
        }

        return ReferenceExpression.Create(handler);
    }

    private sealed record LaunchProfile(IReadOnlyList<Uri> ApplicationUrls, IReadOnlyDictionary<string, string> EnvironmentVariables)
    {
        /// <summary>A project's Properties/launchSettings.json; a file-based app's <c>&lt;file&gt;.run.json</c> beside it, as <c>dotnet run</c> reads them.</summary>
        public static LaunchProfile? Read(IProjectMetadata metadata, string? profileName)
        {
            var path = metadata.IsFileBasedApp
                ? Path.ChangeExtension(metadata.ProjectPath, ".run.json")
                : Path.Combine(Path.GetDirectoryName(metadata.ProjectPath)!, "Properties", "launchSettings.json");
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                var profiles = document.RootElement.GetProperty("profiles").EnumerateObject().ToList();
                var profile = profileName is null
                    ? profiles.FirstOrDefault(p => p.Value.TryGetProperty("commandName", out var c) && c.GetString() == "Project")
                    : profiles.FirstOrDefault(p => p.Name == profileName);
                if (profile.Value.ValueKind != JsonValueKind.Object)
                {
                    return profileName is null ? null : throw new DistributedApplicationException($"{path} has no launch profile named '{profileName}'.");
                }

                var urls = profile.Value.TryGetProperty("applicationUrl", out var applicationUrl)
                    ? applicationUrl.GetString()!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToList()
                    : [];
                var environment = profile.Value.TryGetProperty("environmentVariables", out var variables)
                    ? variables.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString() ?? string.Empty)
                    : [];
                return new LaunchProfile(urls, environment);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or UriFormatException)
            {
                throw new DistributedApplicationException($"{path} could not be read as launch settings: {ex.Message}. Fix the file or remove it.", ex);
            }
        }
    }
}
