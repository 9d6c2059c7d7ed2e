namespace Aspire.Hosting.ApplicationModel;

/// <summary>A URL the dashboard shows for a resource: one per endpoint by default, more or changed with WithUrl(s).</summary>
public sealed class ResourceUrlAnnotation : IResourceAnnotation
{
    /// <summary>Order among the resource's URLs, highest first; unset ones keep the order they were added in.</summary>
    public int? DisplayOrder;

    public required string Url { get; set; }

    public string? DisplayText { get; set; }

    /// <summary>The endpoint the URL was made from, when it was; WithUrlForEndpoint finds URLs by it.</summary>
    public EndpointReference? Endpoint { get; init; }

    public UrlDisplayLocation DisplayLocation { get; set; } = UrlDisplayLocation.SummaryAndDetails;
}
