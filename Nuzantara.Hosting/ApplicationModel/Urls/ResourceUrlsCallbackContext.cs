using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a WithUrls callback sees: the resource, its URLs so far (editable), and the mode the AppHost runs in.</summary>
public class ResourceUrlsCallbackContext(DistributedApplicationExecutionContext executionContext, IResource resource,
    List<ResourceUrlAnnotation>? urls = null, CancellationToken cancellationToken = default)
{
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    public IResource Resource { get; } = resource;

    public List<ResourceUrlAnnotation> Urls { get; } = urls ?? [];

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>The resource's endpoint named <paramref name="name"/>, or null when it has none (or no endpoints at all).</summary>
    public EndpointReference? GetEndpoint(string name) =>
        Resource is IResourceWithEndpoints withEndpoints && withEndpoints.GetEndpoints().Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ? new EndpointReference(withEndpoints, name)
            : null;
}
