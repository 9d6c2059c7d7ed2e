using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// A running resource's links: one per allocated endpoint, then the static WithUrl links, then the WithUrls callbacks
/// in declaration order, each seeing and editing what came before; highest DisplayOrder first.
/// </summary>
internal static class ResourceUrls
{
    public static async Task<IReadOnlyList<UrlSnapshot>> ResolveAsync(IResource resource, DistributedApplicationExecutionContext executionContext,
        ILogger logger, CancellationToken cancellationToken)
    {
        var urls = new List<ResourceUrlAnnotation>();
        if (resource is IResourceWithEndpoints withEndpoints)
        {
            urls.AddRange(withEndpoints.GetEndpoints()
                .Where(e => e.AllocatedEndpoint is not null)
                .Select(e => new ResourceUrlAnnotation { Url = e.AllocatedEndpoint!.UriString, Endpoint = new EndpointReference(withEndpoints, e.Name) }));
        }

        // Copies, so that callbacks editing links never change the model's annotations (a restart resolves again).
        urls.AddRange(resource.OfAnnotation<ResourceUrlAnnotation>().Select(u => new ResourceUrlAnnotation
        {
            Url = u.Url,
            DisplayText = u.DisplayText,
            Endpoint = u.Endpoint,
            DisplayLocation = u.DisplayLocation,
            DisplayOrder = u.DisplayOrder,
        }));

        var context = new ResourceUrlsCallbackContext(executionContext, resource, urls, cancellationToken) { Logger = logger };
        foreach (var callback in resource.OfAnnotation<ResourceUrlsCallbackAnnotation>())
        {
            await callback.Callback(context).ConfigureAwait(false);
        }

        return [.. context.Urls
            .OrderByDescending(u => u.DisplayOrder ?? 0)
            .Select(u => new UrlSnapshot(u.Endpoint?.EndpointName, u.Url, u.DisplayLocation == UrlDisplayLocation.DetailsOnly)
            {
                DisplayProperties = new UrlDisplayPropertiesSnapshot(u.DisplayText ?? string.Empty, u.DisplayOrder ?? 0),
            })];
    }
}
