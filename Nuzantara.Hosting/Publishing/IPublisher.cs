namespace Nuzantara.Hosting.Publishing;

/// <summary>Writes the application model in one deployment format.</summary>
internal interface IPublisher
{
    /// <summary>The <c>--publisher</c> value that selects this publisher.</summary>
    string Name { get; }

    Task PublishAsync(PublishingContext context, CancellationToken cancellationToken);
}
