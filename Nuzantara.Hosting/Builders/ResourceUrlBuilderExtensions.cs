using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// Aspire's WithUrl, WithUrls and WithUrlForEndpoint: the links the dashboard and the start-up console show for a
/// resource. By default each endpoint gives one; these add links, change their text, or hide them from the summary.
/// </summary>
public static class ResourceUrlBuilderExtensions
{
    public static IResourceBuilder<T> WithUrls<T>(this IResourceBuilder<T> builder, Action<ResourceUrlsCallbackContext> callback) where T : IResource =>
        builder.WithAnnotation(new ResourceUrlsCallbackAnnotation(callback));

    public static IResourceBuilder<T> WithUrls<T>(this IResourceBuilder<T> builder, Func<ResourceUrlsCallbackContext, Task> callback) where T : IResource =>
        builder.WithAnnotation(new ResourceUrlsCallbackAnnotation(callback));

    /// <summary>
    /// An absolute <paramref name="url"/> is one more link. A relative one ("/swagger") is applied to every link the
    /// resource has so far, as Aspire does: <c>http://127.0.0.1:8080</c> becomes <c>http://127.0.0.1:8080/swagger</c>.
    /// </summary>
    public static IResourceBuilder<T> WithUrl<T>(this IResourceBuilder<T> builder, string url, string? displayText = null) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Relative, out var relative))
        {
            return builder.WithAnnotation(new ResourceUrlAnnotation { Url = url, DisplayText = displayText });
        }

        return builder.WithUrls(context =>
        {
            foreach (var link in context.Urls)
            {
                if (Uri.TryCreate(link.Url, UriKind.Absolute, out var absolute) && Uri.TryCreate(absolute, relative, out var combined))
                {
                    link.Url = combined.ToString();
                    link.DisplayText = displayText ?? link.DisplayText;
                }
            }
        });
    }

    public static IResourceBuilder<T> WithUrl<T>(this IResourceBuilder<T> builder, in ReferenceExpression.ExpressionInterpolatedStringHandler url,
        string? displayText = null) where T : IResource =>
        builder.WithUrl(ReferenceExpression.Create(url), displayText);

    /// <summary>A link resolved once the resource's endpoints are allocated; one built from an endpoint belongs to it.</summary>
    public static IResourceBuilder<T> WithUrl<T>(this IResourceBuilder<T> builder, ReferenceExpression url, string? displayText = null) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(url);
        return builder.WithUrls(async context =>
        {
            var value = await url.GetValueAsync(context.CancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(value))
            {
                context.Urls.Add(new ResourceUrlAnnotation
                {
                    Url = value,
                    DisplayText = displayText,
                    Endpoint = url.ValueProviders.OfType<EndpointReference>().FirstOrDefault(),
                });
            }
        });
    }

    /// <summary>Changes the link of endpoint <paramref name="endpointName"/> (its text, path or where it shows).</summary>
    public static IResourceBuilder<T> WithUrlForEndpoint<T>(this IResourceBuilder<T> builder, string endpointName, Action<ResourceUrlAnnotation> callback)
        where T : IResource =>
        builder.WithUrls(context =>
        {
            if (context.Urls.FirstOrDefault(u => string.Equals(u.Endpoint?.EndpointName, endpointName, StringComparison.OrdinalIgnoreCase)) is { } link)
            {
                callback(link);
            }
            else
            {
                context.Logger.LogWarning("Resource {Resource} has no URL for an endpoint named {Endpoint}; WithUrlForEndpoint changed nothing.",
                    context.Resource.Name, endpointName);
            }
        });

    /// <summary>Adds the link <paramref name="callback"/> makes from endpoint <paramref name="endpointName"/>.</summary>
    public static IResourceBuilder<T> WithUrlForEndpoint<T>(this IResourceBuilder<T> builder, string endpointName, Func<EndpointReference, ResourceUrlAnnotation> callback)
        where T : IResourceWithEndpoints =>
        builder.WithUrls(context =>
        {
            if (context.GetEndpoint(endpointName) is { } endpoint)
            {
                context.Urls.Add(callback(endpoint));
            }
        });
}
