using Nuzantara.Hosting.Orchestration.Health;

namespace Aspire.Hosting;

public static class ExternalServiceBuilderExtensions
{
    /// <summary>A service at <paramref name="url"/>, which must be absolute with a path ending in '/'.</summary>
    public static IResourceBuilder<ExternalServiceResource> AddExternalService(this IDistributedApplicationBuilder builder, string name, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!ExternalServiceResource.IsValidUrl(url, out var uri, out var message))
        {
            throw new ArgumentException($"The external service URL '{url}' is invalid: {message}", nameof(url));
        }

        return builder.AddExternalService(name, uri);
    }

    public static IResourceBuilder<ExternalServiceResource> AddExternalService(this IDistributedApplicationBuilder builder, string name, Uri uri) =>
        builder.AddResource(new ExternalServiceResource(name, uri)).ExcludeFromManifest();

    /// <summary>A service whose URL is a parameter's value, checked when the application starts.</summary>
    public static IResourceBuilder<ExternalServiceResource> AddExternalService(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource> urlParameter) =>
        builder.AddResource(new ExternalServiceResource(name, urlParameter.Resource)).ExcludeFromManifest();

    /// <summary>
    /// As Aspire: <c>services__name__scheme__0</c> and <c>NAME</c> (a fixed URL) or <c>NAME_SCHEME</c> (a parameter's) hold
    /// the URL; publishing, a parameter's scheme is unknown, so its service-discovery name uses <c>default</c>.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ExternalServiceResource> externalService)
        where T : IResourceWithEnvironment
    {
        var service = externalService.Resource;
        var name = ResourceBuilderExtensions.EnvironmentVariableName(service.Name);
        builder.WithAnnotation(new ResourceRelationshipAnnotation(service, ResourceRelationshipTypes.Reference));
        return builder.WithEnvironment(context =>
        {
            if (service.Uri is { } uri)
            {
                context.EnvironmentVariables[name] = uri.ToString();
                context.EnvironmentVariables[$"services__{service.Name}__{uri.Scheme}__0"] = uri.ToString();
            }
            else if (context.ExecutionContext.IsPublishMode)
            {
                context.EnvironmentVariables[name] = service.UrlParameter!;
                context.EnvironmentVariables[$"services__{service.Name}__default__0"] = service.UrlParameter!;
            }
            else if (ExternalServiceResource.IsValidUrl(service.UrlParameter!.Value, out var parameterUri, out var message))
            {
                context.EnvironmentVariables[$"{name}_{ResourceBuilderExtensions.EnvironmentVariableName(parameterUri.Scheme)}"] = service.UrlParameter;
                context.EnvironmentVariables[$"services__{service.Name}__{parameterUri.Scheme}__0"] = service.UrlParameter;
            }
            else
            {
                throw new DistributedApplicationException(
                    $"The URL parameter '{service.UrlParameter.Name}' for the external service '{service.Name}' is invalid: {message}");
            }
        });
    }

    /// <summary>
    /// Healthy while GET on <paramref name="path"/> (relative to the service's URL; the URL itself without one) answers
    /// <paramref name="statusCode"/> (200 without one), checked from the AppHost, as Aspire does; WaitFor on the service
    /// waits for it. A second call for the same path adds no second check, as on a resource's endpoint.
    /// </summary>
    public static IResourceBuilder<ExternalServiceResource> WithHttpHealthCheck(this IResourceBuilder<ExternalServiceResource> builder, string? path = null, int? statusCode = null)
    {
        var service = builder.Resource;
        var probed = path ?? string.Empty;
        return builder.WithHttpHealthCheckOnce(probed,
            _ => new HttpEndpointHealthCheck(() => service.Uri?.ToString() ?? service.UrlParameter!.Value, probed, statusCode ?? 200));
    }

    /// <summary>The service's URL as the variable <paramref name="name"/> (a parameter's reference when publishing), as Aspire writes it.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ExternalServiceResource> externalService)
        where T : IResourceWithEnvironment
    {
        var service = externalService.Resource;
        builder.WithAnnotation(new ResourceRelationshipAnnotation(service, ResourceRelationshipTypes.Reference));
        return builder.WithEnvironment(context =>
        {
            if (service.Uri is { } uri)
            {
                context.EnvironmentVariables[name] = uri.ToString();
            }
            else
            {
                context.EnvironmentVariables[name] = service.UrlParameter!;
            }
        });
    }
}
