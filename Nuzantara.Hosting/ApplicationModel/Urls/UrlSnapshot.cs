namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource's link as published in its snapshot; internal links show in the details only.</summary>
public sealed record UrlSnapshot(string? Name, string Url, bool IsInternal)
{
    public UrlDisplayPropertiesSnapshot DisplayProperties { get; init; } = new();
}

/// <summary>The link's text (empty: the URL itself) and its order among the resource's links.</summary>
public sealed record UrlDisplayPropertiesSnapshot(string DisplayName = "", int SortOrder = 0);
