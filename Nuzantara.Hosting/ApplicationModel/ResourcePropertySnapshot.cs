namespace Aspire.Hosting.ApplicationModel;

/// <summary>One of a resource's properties as its snapshot publishes it; a sensitive value is masked where it is shown.</summary>
public sealed record ResourcePropertySnapshot(string Name, object? Value)
{
    public bool IsSensitive { get; init; }
}
