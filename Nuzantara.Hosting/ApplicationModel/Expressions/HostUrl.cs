namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A URL on the AppHost's machine (the dashboard's OTLP receiver, say). Aspire rewrites localhost to the container
/// host's name for a container; containers share the host's network here, so localhost is the host for them too and
/// the URL is used as written. The manifest gets it as a literal value, as Aspire writes it.
/// </summary>
public record HostUrl(string Url) : IValueProvider, IManifestExpressionProvider
{
    string IManifestExpressionProvider.ValueExpression => Url;

    ValueTask<string?> IValueProvider.GetValueAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(Url);
}
